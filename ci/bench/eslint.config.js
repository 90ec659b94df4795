// ESLint configuration for ci/bench: only the tenant-filter comparison rule, TypeScript
// and JavaScript parsed by @typescript-eslint/parser (no type information, like txlint).
import tsParser from '@typescript-eslint/parser';
import tenantFilter from './eslint-tenant-filter.js';

export default [
  {
    files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
    languageOptions: { parser: tsParser },
    plugins: { bench: { rules: { 'tenant-filter': tenantFilter } } },
    rules: { 'bench/tenant-filter': 'error' },
  },
];

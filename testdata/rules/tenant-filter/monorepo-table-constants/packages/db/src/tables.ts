// Table names, shared by every app of the monorepo.
export const TABLES = {
  LOANS: 'loans',
  CURRENCIES: 'currencies',
} as const;

export const AUDIT = 'audit_entries';

// Reassignable: never taken as the table's name.
export let SCRATCH = 'currencies';

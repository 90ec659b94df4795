export * from './tables';
export { AUDIT as AUDIT_TABLE } from './tables';

// A barrel: the client comes from the second `export *`, not the first.
export * from './format';
export * from './supabase';

// Helpers that take the table, and the tenant column, by name: each call is judged with the
// names it passes.
import { createClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);

export async function softDelete(table: string, id: string) {
  return supabase.from(table).update({ deleted_at: new Date().toISOString() }).eq('id', id); // related: tenant-filter "the update in 'softDelete'"
}

export async function softDeleteScoped(table: string, id: string, column: string, value: string) {
  return supabase
    .from(table)
    .update({ deleted_at: new Date().toISOString() }) // related: tenant-filter "the update in 'softDeleteScoped'"
    .eq('id', id)
    .eq(column, value);
}

// Scoped inside: every call is clean, whatever the table.
export async function removeScoped(table: string, id: string, orgId: string) {
  await supabase.from(table).delete().eq('id', id).eq('organization_id', orgId);
}

// TypeScript's `this` parameter takes no argument: `table` is the call's first.
export async function archive(this: void, table: string, id: string) {
  await supabase.from(table).delete().eq('id', id); // related: tenant-filter "the delete in 'archive'"
}

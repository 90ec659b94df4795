import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');
const CALLS = 'calls';
const TABLES = { logs: 'call_logs', tasks: 'tasks' } as const;

export async function run(id: string, table: string) {
  await supabase.from(CALLS).delete().eq('id', id); // expect: tenant-filter "delete on 'calls'"
  await supabase.from(TABLES.logs).update({ a: 1 }).eq('id', id); // expect: tenant-filter "'call_logs'"
  await supabase.from(`tasks`).delete().eq('id', id); // expect: tenant-filter "'tasks'"
  // expect: tenant-filter "delete on '<unknown>' has no filter on a tenant column"
  await supabase.from(table).delete().eq('id', id);
  await supabase.from(`${table}_archive`).delete().eq('id', id); // expect: tenant-filter "'<unknown>'"
}

import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function cycle(id: string) {
  await supabase.rpc('archive_order', { p_id: id });
  // defined in the dashboard, known from the types
  await supabase.rpc('restore_order', { p_id: id });
  await supabase.rpc('purge_order', { p_id: id }); // expect: rpc-unknown-function "the generated types do not list"
  // the types cover public only; the migrations define functions, so other schemas are checked
  await supabase.schema('ops').rpc('vacuum_orders'); // expect: rpc-unknown-function "calls a function that no migration defines in 'ops'"
}

import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function run(id: string, orgId: string, name: string) {
  await supabase.rpc('complete_call', { p_call_id: id });
  await supabase.rpc('finish_call', { p_call_id: id }); // expect: rpc-unknown-function "'finish_call'"
  await supabase.schema('billing').rpc('charge', { p_org: orgId });
  await supabase.rpc('charge', { p_org: orgId }); // expect: rpc-unknown-function "in 'public'"
  await supabase.rpc('old_name'); // expect: rpc-unknown-function
  await supabase.rpc(name, {});
}

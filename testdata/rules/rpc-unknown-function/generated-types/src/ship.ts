import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function ship(id: string) {
  await supabase.rpc('mark_shipped', { p_id: id });
  await supabase.rpc('shipment_count');
  await supabase.rpc('mark_delivered', { p_id: id }); // expect: rpc-unknown-function "calls a function that no migration defines and the generated types do not list in 'public'"
  await supabase.schema('graphql_public').rpc('graphql', { query: '{}' });
  await supabase.schema('graphql_public').rpc('graphiql'); // expect: rpc-unknown-function "in 'graphql_public'"
  // the types list no function in ledger, nor anything in billing: nothing is known there
  await supabase.schema('ledger').rpc('post_entry', { amount: 1 });
  await supabase.schema('billing').rpc('charge', { amount: 1 });
}

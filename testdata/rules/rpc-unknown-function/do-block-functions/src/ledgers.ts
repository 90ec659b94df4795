import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function post(ledger: string, org: string) {
  await supabase.rpc('post_entry', { p_ledger: ledger, p_amount: 5 });
  await supabase.rpc('ledger_count', { p_org: org });
  await supabase.rpc('ledger_label', { p_id: ledger });
  await supabase.rpc('ledger_ping');
  await supabase.rpc('make_ledger_helper');
  await supabase.rpc('ledger_dynamic'); // expect: rpc-unknown-function "'ledger_dynamic'"
  await supabase.rpc('ledger_in_a_string'); // expect: rpc-unknown-function
  await supabase.rpc('ledger_in_a_comment'); // expect: rpc-unknown-function
  await supabase.rpc('ledger_in_notice'); // expect: rpc-unknown-function
  await supabase.rpc('ledger_helper'); // expect: rpc-unknown-function
}

import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function run(userId: string, id: string, org: string) {
  await supabase.from('profiles').update({ current_org_id: org }).eq('id', userId);
  await supabase.from('profiles').delete().eq('id', userId);
  await supabase.from('staff_accounts').update({ active_org: org }).eq('id', userId); // expect: tenant-filter "no filter on 'org_id'"
  await supabase.from('staff_accounts').update({ active_org: org }).eq('id', userId).eq('org_id', org);
  await supabase.from('invoices').delete().eq('id', id); // expect: tenant-filter "no filter on 'billing_org'"
  await supabase.from('lessons').delete().eq('id', id); // expect: tenant-filter "no filter on 'org_id'"
}

import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function run(id: string, tenant: string, account: string) {
  await supabase.from('bills').update({ total: 0 }).eq('id', id).eq('tenant_id', tenant);
  await supabase.from('bills').update({ total: 0 }).eq('id', id).eq('account_id', account);
  await supabase.from('bills').delete().eq('id', id); // expect: tenant-filter "no filter on 'tenant_id' (filters: id)"
  await supabase.from('accounts').delete().eq('id', id); // expect: tenant-filter "no filter on 'tenant_id'"
  await supabase.from('tenants').delete().eq('id', id);
}

import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function run(id: string, shop: string, org: number) {
  // A column referencing the configured root is the tenant column, whatever its name.
  await supabase.from('orders').update({ total: 0 }).eq('id', id); // expect: tenant-filter "no filter on 'shop' (filters: id)"
  await supabase.from('orders').update({ total: 0 }).eq('id', id).eq('shop', shop);
  // The root itself is never tenant-scoped.
  await supabase.from('businesses').update({ name: 'x' }).eq('id', shop);
  // A table the root references is above the tenants: its own org_id is no tenant column.
  await supabase.from('organizations').update({ name: 'x' }).eq('org_id', org);
  await supabase.from('organizations').delete().eq('name', 'x');
  // Tenant-named columns still count on other tables.
  await supabase.from('invoices').delete().eq('id', id); // expect: tenant-filter "no filter on 'org_id'"
}

import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function update(id: string, orgId?: string) {
  // expect: tenant-filter "filters 'org_id' only conditionally"
  let query = supabase.from('appointments').update({ confirmed: true }).eq('id', id);
  if (orgId) {
    query = query.eq('org_id', orgId);
  }
  await query;
}

export async function ternary(id: string, orgId: string | null) {
  let query = supabase.from('appointments').delete().eq('id', id); // expect: tenant-filter "conditionally"
  query = orgId ? query.eq('org_id', orgId) : query;
  await query;
}

export async function unconditional(id: string, orgId: string) {
  let query = supabase.from('appointments').delete().eq('id', id);
  if (id.length > 3) {
    console.log('long id');
  }
  query = query.eq('org_id', orgId);
  await query;
}

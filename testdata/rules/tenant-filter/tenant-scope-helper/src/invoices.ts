import { createClient } from '@supabase/supabase-js';
import { byId, maybeScoped, scopeBy, tenantScope } from './scope';

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);

export async function markPaid(id: string, orgId: string) {
  await tenantScope(supabase.from('invoices').update({ paid: true }).eq('id', id), orgId);
  await byId(supabase.from('invoices').update({ paid: true }), id); // expect: tenant-filter "update on 'invoices' has no filter on 'org_id' (filters: id)"
  await maybeScoped(supabase.from('invoices').delete().eq('id', id), orgId); // expect: tenant-filter "filters 'org_id' only conditionally"
  await scopeBy(supabase.from('invoices').delete().eq('id', id), 'org_id', orgId);
  await scopeBy(supabase.from('invoices').delete(), 'id', id); // expect: tenant-filter "delete on 'invoices' has no filter on 'org_id' (filters: id)"
  await restrictLocally(supabase.from('invoices').delete(), orgId);
}

function restrictLocally(q: any, orgId: string) {
  return q.in('org_id', [orgId]);
}

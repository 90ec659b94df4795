import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function close(orgId: string, id: string) {
  // org_id exists only in the types; calls is the migration's, whose tenant column is tenant_id
  await supabase.from('calls').update({ status: 'closed' }).eq('org_id', orgId).eq('id', id); // expect: tenant-filter "no filter on 'tenant_id' (filters: org_id, id)"
  await supabase.from('calls').update({ status: 'closed' }).eq('tenant_id', orgId).eq('id', id);
}

export async function dropNote(orgId: string, id: string) {
  // a table only the types define fills in beside the migrations
  await supabase.from('call_notes').delete().eq('id', id); // expect: tenant-filter "delete on 'call_notes' has no filter on 'org_id'"
  await supabase.from('call_notes').delete().eq('org_id', orgId).eq('id', id);
}

import { createClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!);

export async function closeCall(callId: string, orgId: string) {
  // expect: tenant-filter "update on 'calls' has no filter on 'org_id' (filters: id)"
  await supabase.from('calls').update({ status: 'closed' }).eq('id', callId);
  await supabase.from('calls').delete().eq('id', callId); // expect: 32 tenant-filter
  await supabase.from('calls').update({ status: 'closed' }).eq('id', callId).eq('org_id', orgId);
  await supabase.from('calls').delete().eq('org_id', orgId).eq('id', callId);
}

import { createClient } from '@supabase/supabase-js';

const db = createClient('url', 'key');

export async function closeCall(orgId: string, id: string) {
  const label = "café <ü> & \"quoted\""; await db.from('calls').update({ open: false }).eq('id', id);
  // txlint-ignore tenant-filter -- admin purge, reviewed
  await db.from('calls').delete().eq('id', id);
  // txlint-ignore tenant-filter -- nothing here to suppress
  await db.from('calls').select('*').eq('org_id', orgId);
  return label;
}

export async function complete(orgId: string, id: string) {
  await db.rpc('complete_call', { p_org_id: orgId, p_cal_id: id });
}

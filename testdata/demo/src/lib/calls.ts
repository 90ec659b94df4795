import { supabaseAdmin } from './supabase';

export async function logCallEvent(orgId: string, callId: string, event: string) {
  const { error } = await supabaseAdmin.from('call_logs').insert({ org_id: orgId, call_id: callId, event });
  if (error) throw error;
}

export async function markCallStatus(orgId: string, callId: string, status: string) {
  const { error } = await supabaseAdmin
    .from('calls')
    .update({ status })
    .eq('id', callId)
    .eq('org_id', orgId);
  if (error) throw error;
}

// Mistake: deletes by id only.
export async function deleteCall(callId: string) {
  await supabaseAdmin.from('calls').delete().eq('id', callId);
}

export async function listPlans() {
  const { data } = await supabaseAdmin.from('plans').select('*');
  return data ?? [];
}

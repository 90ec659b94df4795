import { createClient } from '@supabase/supabase-js';

const db = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!);

// Two rpcs of a writing function: two transactions.
export async function closeTwice(orgId: string, a: string, b: string) { // expect: non-atomic-writes "2 separate writes (rpc 'close_call', rpc 'close_call')"
  await db.rpc('close_call', { p_org_id: orgId, p_call_id: a }); // related: non-atomic-writes
  await db.rpc('close_call', { p_org_id: orgId, p_call_id: b }); // related: non-atomic-writes
}

// A writing rpc, then a write of its own.
export async function closeAndLog(orgId: string, callId: string) { // expect: non-atomic-writes "rpc 'close_call', insert 'call_notes'"
  await db.rpc('close_call', { p_org_id: orgId, p_call_id: callId }); // related: non-atomic-writes
  await db.from('call_notes').insert({ org_id: orgId, event: 'closed' }); // related: non-atomic-writes
}

// A writing rpc in a loop.
export async function closeAll(orgId: string, ids: string[]) { // expect: non-atomic-writes "rpc 'close_call' in a loop"
  for (const id of ids) await db.rpc('close_call', { p_org_id: orgId, p_call_id: id }); // related: non-atomic-writes
}

// Look-alikes. A function no migration defines does something unknown: not counted.
export async function unknownThenLog(orgId: string) {
  await db.rpc('archive_org', { p_org_id: orgId });
  await db.from('call_notes').insert({ org_id: orgId, event: 'archived' });
}

// A catalog probe reads.
export async function probeThenLog(orgId: string) {
  await db.rpc('pg_tables');
  await db.from('call_notes').insert({ org_id: orgId, event: 'probed' });
}

// A reading rpc, a marker rpc and a dynamic-SQL rpc are not counted either.
export async function readMarkDynamic(orgId: string, callId: string, eventId: string) {
  await db.rpc('call_status', { p_org_id: orgId, p_call_id: callId });
  await db.rpc('claim_event', { p_event_id: eventId });
  await db.rpc('run_report', { p_sql: 'select 1' });
  await db.from('call_notes').insert({ org_id: orgId, event: 'read' });
}

// An rpc whose function writes only independent tables (a rate-limit counter) is left out.
export async function limitedClose(orgId: string, callId: string) {
  await db.rpc('check_rate_limit', { p_key: orgId });
  await db.rpc('close_call', { p_org_id: orgId, p_call_id: callId });
}

// expect: non-atomic-writes "'limitedCloseTwice' makes 2 separate writes (rpc 'close_call', insert 'call_notes'; not counted: rpc 'check_rate_limit' (writes independent tables only))"
export async function limitedCloseTwice(orgId: string, callId: string) {
  await db.rpc('check_rate_limit', { p_key: orgId });
  await db.rpc('close_call', { p_org_id: orgId, p_call_id: callId }); // related: non-atomic-writes
  await db.from('call_notes').insert({ org_id: orgId, event: 'closed' }); // related: non-atomic-writes
}

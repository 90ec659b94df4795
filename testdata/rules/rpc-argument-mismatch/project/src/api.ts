import { createClient } from '@supabase/supabase-js';

const db = createClient('url', 'key');

export async function run(orgId: string, id: string, args: Record<string, unknown>) {
  await db.rpc('complete_call', { p_org_id: orgId, p_call_id: id });
  await db.rpc('complete_call', { p_org_id: orgId, p_call_id: id, p_duration: 5 });
  await db.rpc('complete_call', { p_org_id: orgId, p_id: id }); // expect: 52 rpc-argument-mismatch "passes 'p_id'"
  await db.rpc('complete_call', { p_call_id: id }); // expect: rpc-argument-mismatch "omits parameter 'p_org_id'"
  await db.rpc('complete_call'); // expect: rpc-argument-mismatch "omits parameter"
  await db.rpc('find', { p_id: id });
  await db.rpc('find', { p_email: 'a@b.c', p_org: orgId });
  await db.rpc('find', { p_email: 'a@b.c' }); // expect: rpc-argument-mismatch "nor does any other overload"
  await db.rpc('ingest', { anything: 1, goes: 2 });
  await db.rpc('stats', { p_org: orgId });
  await db.rpc('stats', { p_org: orgId, total: 1 }); // expect: rpc-argument-mismatch "passes 'total'"
  await db.rpc('complete_call', args);
  await db.rpc('complete_call', { ...args, p_org_id: orgId });
  await db.rpc('unknown_fn', { a: 1 });
}

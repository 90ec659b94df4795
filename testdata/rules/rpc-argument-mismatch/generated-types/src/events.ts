import { createClient } from '@supabase/supabase-js';
import type { Database } from './lib/supabase';

const db = createClient<Database>('url', 'key');

export async function track(eventId: string, orgId: string) {
  await db.rpc('record_event', { p_event_id: eventId });
  await db.rpc('record_event', { p_event_id: eventId, p_org_id: orgId });
  await db.rpc('record_event', { p_org_id: orgId }); // expect: rpc-argument-mismatch "omits parameter 'p_event_id' of 'record_event'"
  await db.rpc('record_event', { p_event_id: eventId, p_source: 'web' }); // expect: 55 rpc-argument-mismatch "passes 'p_source'"
  // overloads
  await db.rpc('find_member', { p_id: eventId });
  await db.rpc('find_member', { p_email: 'a@b.c', p_org: orgId });
  await db.rpc('find_member', { p_email: 'a@b.c' }); // expect: rpc-argument-mismatch "nor does any other overload"
  // no arguments: Args never, Args Record<PropertyKey, never>
  await db.rpc('ping');
  await db.rpc('ping', { verbose: true }); // expect: rpc-argument-mismatch "passes 'verbose', which 'ping' has no parameter for"
  await db.rpc('server_time');
  await db.rpc('server_time', { tz: 'UTC' }); // expect: rpc-argument-mismatch "passes 'tz'"
  // one unnamed json argument takes the object; Args the extractor cannot read accept anything
  await db.rpc('ingest', { anything: 1 });
  await db.rpc('opaque', { whatever: 'x' });
}

import { claim, db, markProcessed } from './markers';

export async function onCallEnded(event: { id: string; org: string; call: string }) {
  await markProcessed(event.id); // expect: idempotency-result-ignored "markProcessed() records the event id but drops the insert's result" // flow: idempotency-result-ignored 1
  await db.from('calls').update({ status: 'ended' }).eq('id', event.call).eq('org_id', event.org); // related: idempotency-result-ignored // flow: idempotency-result-ignored 2
}

export async function onCallStarted(event: { id: string; org: string; call: string }) {
  if (!(await claim(event.id))) return;
  await db.from('calls').update({ status: 'live' }).eq('id', event.call).eq('org_id', event.org);
}

export async function onCallMissed(event: { id: string; org: string; call: string }) {
  const fresh = await claim(event.id);
  if (!fresh) return;
  await db.from('calls').update({ status: 'missed' }).eq('id', event.call).eq('org_id', event.org);
}

// Ignored: the verdict is there but nobody reads it. A known miss: a helper that checks the
// insert itself may throw on a duplicate instead of returning a verdict, and which one it
// does is not tracked yet.
export async function onCallQueued(event: { id: string; org: string; call: string }) {
  await claim(event.id); // todo-expect: idempotency-result-ignored
  await db.from('calls').update({ status: 'queued' }).eq('id', event.call).eq('org_id', event.org);
}

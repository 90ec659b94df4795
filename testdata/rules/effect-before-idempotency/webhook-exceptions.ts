import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

declare function sendEmail(to: string): Promise<void>;
declare function loadEvent(id: string): Promise<{ id: string; email: string }>;

// Clean: the marker insert is attempted on every path past the check; an error it throws
// is swallowed (that is idempotency-result-ignored's finding), but the marker is written.
export async function swallowedMarkerError(id: string, email: string) {
  const { data: seen } = await supabase.from('processed_webhook_events').select('id').eq('event_id', id).maybeSingle();
  if (seen) return;
  try {
    await supabase.from('processed_webhook_events').insert({ event_id: id }).throwOnError();
  } catch {}
  await sendEmail(email);
}

// A call before the marker in the same try may throw: then the marker is skipped.
export async function throwBeforeMarker(id: string) {
  const { data: seen } = await supabase.from('processed_webhook_events').select('id').eq('event_id', id).maybeSingle(); // related: effect-before-idempotency // flow: effect-before-idempotency 1
  if (seen) return;
  let email = '';
  try {
    email = (await loadEvent(id)).email;
    await supabase.from('processed_webhook_events').insert({ event_id: id }).throwOnError();
  } catch {}
  await sendEmail(email); // expect: effect-before-idempotency "sendEmail() runs after the idempotency check (select from 'processed_webhook_events', line 21) but the marker is never written on this path" // flow: effect-before-idempotency 2
}

// Clean: the marker is written only when the work failed (a failure record); the effects
// of the normal path do not come before it.
export async function failureRecordInCatch(id: string, email: string) {
  try {
    await sendEmail(email);
    await supabase.from('orders').update({ paid: true }).eq('id', id);
  } catch (err) {
    await supabase.from('processed_webhook_events').insert({ event_id: id, error: String(err) });
  }
}

// The marker after the try is on the normal path: the effect in the try comes before it,
// whatever the catch does.
export async function markerAfterTry(id: string, email: string) {
  try {
    await sendEmail(email); // expect: effect-before-idempotency "sendEmail() can run before the idempotency marker is written (insert into 'processed_webhook_events', line 51)" // flow: effect-before-idempotency 1
  } catch (err) {
    await supabase.from('processed_webhook_events').insert({ event_id: id, error: String(err) });
    return;
  }
  await supabase.from('processed_webhook_events').insert({ event_id: id }); // related: effect-before-idempotency // flow: effect-before-idempotency 2
}

// Inside the catch, an effect before the catch's own marker write is before it.
export async function effectFirstInCatch(id: string, email: string) {
  try {
    await loadEvent(id);
  } catch {
    await sendEmail(email); // expect: effect-before-idempotency "sendEmail() can run before the idempotency marker is written (insert into 'processed_webhook_events', line 60)" // flow: effect-before-idempotency 1
    await supabase.from('processed_webhook_events').insert({ event_id: id }); // related: effect-before-idempotency // flow: effect-before-idempotency 2
  }
}

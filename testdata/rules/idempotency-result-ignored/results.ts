import { createClient } from '@supabase/supabase-js';
import { Hono } from 'hono';

const supabase = createClient('url', 'key');
const app = new Hono();

declare function wsBroadcast(room: string, payload: unknown): void;
declare function sendEmail(to: string, body: string): Promise<void>;
declare function assertInserted(error: unknown): void;

// Checked by the destructured error.
app.post('/webhooks/a', async (c) => {
  const event = await c.req.json();
  const { error } = await supabase.from('processed_webhook_events').insert({ event_id: event.id });
  if (error?.code === '23505') return c.text('duplicate');
  if (error) throw error;
  wsBroadcast(event.org, event);
  return c.text('ok');
});

// Checked by data length (upsert that ignores duplicates returns no row for one).
app.post('/webhooks/b', async (c) => {
  const event = await c.req.json();
  const { data: inserted } = await supabase
    .from('processed_webhook_events')
    .upsert({ event_id: event.id }, { onConflict: 'event_id', ignoreDuplicates: true })
    .select();
  if (!inserted?.length) return c.text('duplicate');
  await sendEmail(event.email, 'welcome');
  return c.text('ok');
});

// Checked by count.
app.post('/webhooks/c', async (c) => {
  const event = await c.req.json();
  const { count } = await supabase
    .from('processed_webhook_events')
    .upsert({ event_id: event.id }, { ignoreDuplicates: true, count: 'exact' });
  if (count === 0) return c.text('duplicate');
  await sendEmail(event.email, 'welcome');
  return c.text('ok');
});

// Checked by throwing.
app.post('/webhooks/d', async (c) => {
  const event = await c.req.json();
  await supabase.from('processed_webhook_events').insert({ event_id: event.id }).throwOnError();
  await sendEmail(event.email, 'welcome');
  return c.text('ok');
});

// Checked by a helper that receives the error.
app.post('/webhooks/e', async (c) => {
  const event = await c.req.json();
  const res = await supabase.from('processed_webhook_events').insert({ event_id: event.id });
  assertInserted(res.error);
  await sendEmail(event.email, 'welcome');
  return c.text('ok');
});

// Ignored: the result is dropped.
app.post('/webhooks/f', async (c) => {
  const event = await c.req.json();
  await supabase.from('processed_webhook_events').insert({ event_id: event.id }); // expect: idempotency-result-ignored "the result of the idempotency marker write (insert into 'processed_webhook_events') is not checked before sendEmail() (line 65)" // flow: idempotency-result-ignored 1
  await sendEmail(event.email, 'welcome'); // related: idempotency-result-ignored // flow: idempotency-result-ignored 2
  return c.text('ok');
});

// Ignored: bound, but looked at only after the effect.
app.post('/webhooks/g', async (c) => {
  const event = await c.req.json();
  const { error: dup } = await supabase.from('idempotency_keys').insert({ key: event.id }); // expect: idempotency-result-ignored "not checked before update of 'orders'" // flow: idempotency-result-ignored 1
  await supabase.from('orders').update({ paid: true }).eq('id', event.order).eq('org_id', event.org); // related: idempotency-result-ignored // flow: idempotency-result-ignored 2
  if (dup) console.warn('duplicate after the fact');
  return c.text('ok');
});

// Ignored on one path: the test happens only in one branch.
app.post('/webhooks/h', async (c) => {
  const event = await c.req.json();
  const { error } = await supabase.from('processed_webhook_events').insert({ event_id: event.id }); // expect: idempotency-result-ignored "wsBroadcast()" // flow: idempotency-result-ignored 1
  if (event.strict) {
    if (error) return c.text('duplicate');
  }
  wsBroadcast(event.org, event); // related: idempotency-result-ignored // flow: idempotency-result-ignored 2
  return c.text('ok');
});

// Nothing follows the marker write: nothing to protect here.
app.post('/webhooks/i', async (c) => {
  const event = await c.req.json();
  await supabase.from('processed_webhook_events').insert({ event_id: event.id });
  return c.text('ok');
});

// Checked by a method of a local object that receives the whole result.
const guard = { ensureFresh(r: { error: unknown }) { if (r.error) throw r.error; } };
app.post('/webhooks/j', async (c) => {
  const event = await c.req.json();
  const res = await supabase.from('processed_webhook_events').insert({ event_id: event.id });
  guard.ensureFresh(res);
  await sendEmail(event.email, 'welcome');
  return c.text('ok');
});

// The insert built in a variable and awaited later: `await mark` is where its result is read.
app.post('/webhooks/built', async (c) => {
  const event = await c.req.json();
  const mark = supabase.from('processed_webhook_events').insert({ event_id: event.id });
  const { error } = await mark;
  if (error) return c.text('duplicate');
  await sendEmail(event.email, 'welcome');
  return c.text('ok');
});

// The effect is a method of a library object (`resend.emails.send`, an effect_calls pattern):
// a call with a receiver, which extraction keeps only because the rule reads effect calls.
declare const resend: { emails: { send(message: unknown): Promise<void> } };
app.post('/webhooks/method-effect', async (c) => {
  const event = await c.req.json();
  await supabase.from('processed_webhook_events').insert({ event_id: event.id }); // expect: idempotency-result-ignored "before resend.emails.send()" // flow: idempotency-result-ignored 1
  await resend.emails.send({ to: event.email }); // related: idempotency-result-ignored // flow: idempotency-result-ignored 2
  return c.text('ok');
});

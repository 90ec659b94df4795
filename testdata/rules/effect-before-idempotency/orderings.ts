import { createClient } from '@supabase/supabase-js';
import express from 'express';
import { Resend } from 'resend';

const supabase = createClient('url', 'key');
const resend = new Resend('key');
const router = express.Router();

declare function verifySignature(req: unknown): boolean;
declare function wsBroadcast(room: string, payload: unknown): void;

// Clean: the marker first, stop on a duplicate, then the effects.
router.post('/webhooks/clean', async (req, res) => {
  const event = req.body;
  const { error } = await supabase.from('processed_webhook_events').insert({ event_id: event.id });
  if (error) return res.sendStatus(200);
  await supabase.from('calls').update({ status: event.status }).eq('id', event.callId).eq('org_id', event.orgId);
  await resend.emails.send({ to: event.email, subject: 'done', html: '' });
  wsBroadcast(event.orgId, event);
  res.sendStatus(200);
});

// Clean: effects on a path that never reaches the marker (a rejected signature).
router.post('/webhooks/signed', async (req, res) => {
  if (!verifySignature(req)) {
    await fetch('https://alerts.example.com', { method: 'POST', body: 'bad signature' });
    return res.sendStatus(401);
  }
  const { error } = await supabase.from('processed_webhook_events').insert({ event_id: req.body.id });
  if (error) return res.sendStatus(200);
  await fetch('https://api.example.com/notify', { method: 'POST' });
  res.sendStatus(200);
});

// The effect comes first, the marker after.
router.post('/webhooks/effect-first', async (req, res) => {
  const event = req.body;
  await resend.emails.send({ to: event.email, subject: 'hi', html: '' }); // expect: effect-before-idempotency "resend.emails.send() can run before the idempotency marker is written (insert into 'processed_webhook_events', line 40)" // flow: effect-before-idempotency 1
  await supabase.from('calls').update({ status: 'ended' }).eq('id', event.callId).eq('org_id', event.orgId); // expect: effect-before-idempotency "update of 'calls' can run before" // flow: effect-before-idempotency 1, effect-before-idempotency 2
  const { error } = await supabase.from('processed_webhook_events').insert({ event_id: event.id }); // related: effect-before-idempotency // flow: effect-before-idempotency 2, effect-before-idempotency 3
  if (error) return res.sendStatus(200);
  res.sendStatus(200);
});

// An effect in one branch only, before the marker.
router.post('/webhooks/branch', async (req, res) => {
  const event = req.body;
  if (event.type === 'call.ended') {
    wsBroadcast(event.orgId, { ended: event.callId }); // expect: effect-before-idempotency "wsBroadcast()" // flow: effect-before-idempotency 1
  } else {
    console.log('ignored', event.type);
  }
  const { error } = await supabase.from('processed_webhook_events').insert({ event_id: event.id }); // related: effect-before-idempotency // flow: effect-before-idempotency 2
  if (error) return res.sendStatus(200);
  res.sendStatus(200);
});

// Checked, worked, and the marker written only at the end.
router.post('/webhooks/check-then-mark', async (req, res) => {
  const event = req.body;
  const { data: seen } = await supabase
    .from('processed_webhook_events')
    .select('event_id')
    .eq('event_id', event.id)
    .maybeSingle();
  if (seen) return res.sendStatus(200);
  await supabase.from('contacts').insert({ org_id: event.orgId, phone: event.from }); // expect: effect-before-idempotency "insert into 'contacts' can run before" // flow: effect-before-idempotency 1
  await supabase.from('processed_webhook_events').insert({ event_id: event.id }); // related: effect-before-idempotency // flow: effect-before-idempotency 2
  res.sendStatus(200);
});

// Checked and worked, never recorded.
router.post('/webhooks/check-only', async (req, res) => {
  const event = req.body;
  const { data: seen } = await supabase
    .from('webhook_events')
    .select('id') // related: effect-before-idempotency // flow: effect-before-idempotency 1
    .eq('id', event.id)
    .maybeSingle();
  if (seen) return res.sendStatus(200);
  await fetch('https://crm.example.com/sync', { method: 'POST' }); // expect: effect-before-idempotency "fetch() runs after the idempotency check (select from 'webhook_events', line 77) but the marker is never written;" // flow: effect-before-idempotency 2
  res.sendStatus(200);
});

// Unordered with the marker.
router.post('/webhooks/parallel', async (req, res) => {
  const event = req.body;
  await Promise.all([
    supabase.from('processed_webhook_events').insert({ event_id: event.id }), // related: effect-before-idempotency // flow: effect-before-idempotency 2
    supabase.from('call_logs').insert({ org_id: event.orgId, event: event.type }), // expect: effect-before-idempotency "runs in the same Promise.all as the idempotency marker write" // flow: effect-before-idempotency 1
  ]);
  res.sendStatus(200);
});

// try/finally: the finally block runs after the try block, so this effect precedes the marker.
router.post('/webhooks/finally-marker', async (req, res) => {
  const event = req.body;
  try {
    await fetch('https://api.example.com/ack', { method: 'POST' }); // expect: effect-before-idempotency "fetch()" // flow: effect-before-idempotency 1
  } finally {
    await supabase.from('processed_webhook_events').insert({ event_id: event.id }).throwOnError(); // related: effect-before-idempotency // flow: effect-before-idempotency 2
  }
  res.sendStatus(200);
});

// Clean: the marker throws on a duplicate inside try; the catch stops; effects follow.
router.post('/webhooks/try-marker', async (req, res) => {
  const event = req.body;
  try {
    await supabase.from('processed_webhook_events').insert({ event_id: event.id }).throwOnError();
  } catch {
    return res.sendStatus(200);
  }
  await fetch('https://api.example.com/notify', { method: 'POST' });
  res.sendStatus(200);
});

// Clean: a batch of events, each recorded before its own effect (one iteration at a time).
router.post('/webhooks/batch', async (req, res) => {
  for (const event of req.body.events) {
    const { error } = await supabase.from('processed_webhook_events').insert({ event_id: event.id });
    if (error) continue;
    await supabase.from('call_logs').insert({ org_id: event.orgId, event: event.type });
  }
  res.sendStatus(200);
});

// Clean: the marker check is a plain listing (no filter), not an idempotency check.
export async function listRecentEvents() {
  const { data } = await supabase.from('processed_webhook_events').select('*').limit(20);
  await fetch('https://metrics.example.com', { method: 'POST', body: JSON.stringify(data) });
  return data;
}

// An effect inside a callback that a library method runs (forEach), before the marker.
router.post('/webhooks/fan-out', async (req, res) => {
  const event = req.body;
  event.rooms.forEach((room: string) => wsBroadcast(room, event)); // expect: effect-before-idempotency "event.rooms.forEach() (calls wsBroadcast) can run before the idempotency marker is written" // related: effect-before-idempotency // flow: effect-before-idempotency 1
  const { error } = await supabase.from('processed_webhook_events').insert({ event_id: event.id }); // related: effect-before-idempotency // flow: effect-before-idempotency 2
  if (error) return res.sendStatus(200);
  res.sendStatus(200);
});

// Clean: library callbacks that do nothing a rule cares about, around a correct handler.
router.post('/webhooks/pure-callbacks', async (req, res) => {
  const event = req.body;
  const ids = event.items.map((item: { id: string }) => item.id).filter((id: string) => id.length > 0);
  const { error } = await supabase.from('processed_webhook_events').insert({ event_id: event.id });
  if (error) return res.sendStatus(200);
  wsBroadcast(event.orgId, ids.reduce((a: string, b: string) => a + b, ''));
  res.sendStatus(200);
});

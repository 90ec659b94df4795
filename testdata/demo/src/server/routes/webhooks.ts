import express from 'express';
import { supabaseAdmin } from '../../lib/supabase';

export const router = express.Router();

async function notifySlack(text: string) {
  await fetch(process.env.SLACK_WEBHOOK_URL!, { method: 'POST', body: JSON.stringify({ text }) });
}

// Mistake: the Slack message and the status update run before the event is recorded, so a
// redelivered event posts twice.
router.post('/webhooks/twilio', async (req, res) => {
  const event = req.body;
  await notifySlack(`call ${event.CallSid} ended`);
  await supabaseAdmin.from('calls').update({ status: 'ended' }).eq('id', event.callId).eq('org_id', event.orgId);
  await supabaseAdmin.from('processed_webhook_events').insert({ event_id: event.EventSid });
  res.sendStatus(200);
});

// Mistake: checks the marker table but never records the event.
router.post('/webhooks/stripe', async (req, res) => {
  const event = req.body;
  const { data: seen } = await supabaseAdmin
    .from('processed_webhook_events')
    .select('event_id')
    .eq('event_id', event.id)
    .maybeSingle();
  if (seen) return res.sendStatus(200);
  await supabaseAdmin.from('contacts').delete().eq('id', event.data.object.metadata.contactId);
  res.sendStatus(200);
});

// Mistake: the event is recorded first, but the duplicate error is ignored, so a redelivered
// event broadcasts again.
router.post('/webhooks/vapi', async (req, res) => {
  const event = req.body;
  await supabaseAdmin.from('processed_webhook_events').insert({ event_id: event.message.id });
  req.app.locals.io.to(event.orgId).emit('call.updated', event.message);
  res.sendStatus(200);
});

// Right: record the event, stop on a duplicate, then work.
router.post('/webhooks/calendly', async (req, res) => {
  const event = req.body;
  const { error } = await supabaseAdmin
    .from('processed_webhook_events')
    .insert({ event_id: event.payload.uuid });
  if (error?.code === '23505') return res.sendStatus(200);
  if (error) return res.sendStatus(500);
  await supabaseAdmin
    .from('calls')
    .update({ scheduled_at: event.payload.start_time })
    .eq('id', event.payload.tracking.call_id)
    .eq('org_id', event.payload.tracking.org_id);
  await notifySlack(`call scheduled for ${event.payload.start_time}`);
  res.sendStatus(200);
});

import express from 'express';
import { supabaseAdmin } from '../../lib/supabase';

export const router = express.Router();

async function notifySlack(text: string) {
  await fetch(process.env.SLACK_WEBHOOK_URL!, { method: 'POST', body: JSON.stringify({ text }) });
}

// Mistake: the Slack message and the status update run before the event is recorded, so a
// redelivered event posts twice; and the marker insert's duplicate error is ignored.
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

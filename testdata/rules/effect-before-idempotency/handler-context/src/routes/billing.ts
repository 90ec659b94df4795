import express from 'express';
import Stripe from 'stripe';
import { recordPayment } from '../services/orders';
import { db } from '../services/db';

const stripe = new Stripe('sk_test');
export const router = express.Router();

// Neither the path nor the route names a webhook: verifying Stripe's signature makes this a
// webhook handler, and what it calls runs in its context (recordPayment in another file).
router.post('/billing/events', express.raw({ type: 'application/json' }), async (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.get('stripe-signature') ?? '', 'whsec');
  await recordPayment(event.id, event.data.object);
  res.sendStatus(200);
});

// A handler named by the route's path, passed by name.
async function onTwilio(req: express.Request, res: express.Response) {
  await db.from('sms_log').insert({ sid: req.body.SmsSid }); // expect: effect-before-idempotency "insert into 'sms_log' can run before the idempotency marker is written (insert into 'webhook_events', line 20)" // flow: effect-before-idempotency 1
  await db.from('webhook_events').insert({ event_id: req.body.SmsSid }).throwOnError(); // related: effect-before-idempotency // flow: effect-before-idempotency 2
  res.sendStatus(200);
}
router.post('/twilio/webhook', onTwilio);

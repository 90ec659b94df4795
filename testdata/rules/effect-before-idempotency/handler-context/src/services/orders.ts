import { db } from './db';

// Called by the Stripe handler of routes/billing.ts: checked in that handler's context.
export async function recordPayment(eventId: string, charge: { id: string; amount: number }) {
  await db.from('payments').insert({ charge_id: charge.id, amount: charge.amount }); // expect: effect-before-idempotency "insert into 'payments' can run before the idempotency marker is written (insert into 'processed_webhook_events', line 6)" // flow: effect-before-idempotency 1
  await db.from('processed_webhook_events').insert({ event_id: eventId }).throwOnError(); // related: effect-before-idempotency // flow: effect-before-idempotency 2
}

// The same order, but nothing that handles a webhook calls it: not checked.
export async function importPayment(eventId: string, charge: { id: string; amount: number }) {
  await db.from('payments').insert({ charge_id: charge.id, amount: charge.amount });
  await db.from('processed_webhook_events').insert({ event_id: eventId }).throwOnError();
}

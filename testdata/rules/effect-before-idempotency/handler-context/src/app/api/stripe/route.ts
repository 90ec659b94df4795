import { db } from '../../../services/db';
import { readStripeEvent } from '../../../lib/stripe';

// The signature is checked by a helper: the route calling it is the handler.
export async function POST(req: Request) {
  const event = await readStripeEvent(req);
  await db.from('subscriptions').update({ status: 'active' }).eq('id', event.id); // expect: effect-before-idempotency "update of 'subscriptions' can run before the idempotency marker is written (insert into 'stripe_events', line 8)" // flow: effect-before-idempotency 1
  await db.from('stripe_events').insert({ id: event.id }).throwOnError(); // related: effect-before-idempotency // flow: effect-before-idempotency 2
  return new Response('ok');
}

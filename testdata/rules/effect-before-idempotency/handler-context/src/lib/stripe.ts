import Stripe from 'stripe';

const stripe = new Stripe('sk_test');

// Verifies the signature for its callers: a route calling it is a webhook handler.
export async function readStripeEvent(req: Request) {
  const body = await req.text();
  return stripe.webhooks.constructEventAsync(body, req.headers.get('stripe-signature') ?? '', 'whsec');
}

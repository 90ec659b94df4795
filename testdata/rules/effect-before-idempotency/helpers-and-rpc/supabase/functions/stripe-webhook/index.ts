import { createClient } from 'jsr:@supabase/supabase-js@2';
import Stripe from 'npm:stripe';

const stripe = new Stripe(Deno.env.get('STRIPE_KEY')!);
const supabase = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SERVICE_KEY')!);

Deno.serve(async (req) => {
  const event = await req.json();
  if (event.type === 'charge.refunded') {
    // The rpc writes business tables: an effect before the marker rpc.
    await supabase.rpc('close_call', { p_org_id: event.org, p_call_id: event.call }); // expect: effect-before-idempotency "rpc 'close_call' can run before the idempotency marker is written (rpc 'claim_event'" // flow: effect-before-idempotency 1
  }
  const { data: fresh } = await supabase.rpc('claim_event', { p_event_id: event.id }); // related: effect-before-idempotency // flow: effect-before-idempotency 2
  if (!fresh) return new Response('duplicate');
  await stripe.refunds.create({ charge: event.data.object.id });
  return new Response('ok');
});

// A check through an rpc that only reads, effects, no marker ever.
Deno.serve(async (req) => {
  const event = await req.json();
  const { data: seen } = await supabase.rpc('event_seen', { p_event_id: event.id }); // related: effect-before-idempotency // flow: effect-before-idempotency 1
  if (seen) return new Response('duplicate');
  await stripe.customers.update(event.customer, { metadata: { synced: 'yes' } }); // expect: effect-before-idempotency "stripe.customers.update() runs after the idempotency check (rpc 'event_seen'" // flow: effect-before-idempotency 2
  return new Response('ok');
});

// An unknown rpc counts as an effect.
Deno.serve(async (req) => {
  const event = await req.json();
  await supabase.rpc('sync_everything', { p_id: event.id }); // expect: effect-before-idempotency "rpc 'sync_everything'" // flow: effect-before-idempotency 1
  await supabase.from('stripe_events').insert({ id: event.id }).throwOnError(); // related: effect-before-idempotency // flow: effect-before-idempotency 2
  return new Response('ok');
});

// A catalog probe (`pg_*`, not defined by the migrations) reads: not an effect.
Deno.serve(async (req) => {
  const event = await req.json();
  await supabase.rpc('pg_tables');
  await supabase.from('stripe_events').insert({ id: event.id }).throwOnError();
  await stripe.refunds.create({ charge: event.data.object.id });
  return new Response('ok');
});

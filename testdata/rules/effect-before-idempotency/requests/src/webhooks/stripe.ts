import { createClient } from '@supabase/supabase-js';
import axios from 'axios';
import Stripe from 'stripe';

const db = createClient('url', 'key');
const stripe = new Stripe('sk_test');

// Clean: requests that only read, before the marker: a redelivery reads again, nothing more.
export async function onPaid(event: { id: string; customer: string }) {
  const status = await fetch('https://status.example.com/health');
  await fetch(`https://api.example.com/customers/${event.customer}`, { method: 'GET', headers: { accept: 'json' } });
  await fetch('https://api.example.com/ping', { headers: { accept: 'json' } });
  await axios.get('https://api.example.com/rates');
  await axios({ url: 'https://api.example.com/rates' });
  const customer = await stripe.customers.retrieve(event.customer);
  await stripe.charges.list({ customer: event.customer });
  await stripe.customers.search({ query: `email:'${status.ok}'` });
  await db.from('processed_webhook_events').insert({ event_id: event.id, customer: customer.id }).throwOnError();
}

// A request with a method that writes.
export async function onRefundPosted(event: { id: string; charge: string }) {
  await fetch('https://api.example.com/refunds', { method: 'POST', body: event.charge }); // expect: effect-before-idempotency error "fetch() can run before the idempotency marker is written (insert into 'processed_webhook_events', line 24); a redelivered event repeats it" // flow: effect-before-idempotency 1
  await db.from('processed_webhook_events').insert({ event_id: event.id }).throwOnError(); // related: effect-before-idempotency // flow: effect-before-idempotency 2
}

// Options that are not a literal may hold any method.
export async function onRefundInit(event: { id: string }, init: RequestInit) {
  await fetch('https://api.example.com/refunds', init); // expect: effect-before-idempotency error "fetch() can run before" // flow: effect-before-idempotency 1
  await db.from('processed_webhook_events').insert({ event_id: event.id }).throwOnError(); // related: effect-before-idempotency // flow: effect-before-idempotency 2
}

// A lone config object with a method that writes.
export async function onRefundConfig(event: { id: string }) {
  await axios({ url: 'https://api.example.com/refunds', method: 'post' }); // expect: effect-before-idempotency error "axios() can run before" // flow: effect-before-idempotency 1
  await db.from('processed_webhook_events').insert({ event_id: event.id }).throwOnError(); // related: effect-before-idempotency // flow: effect-before-idempotency 2
}

// Stripe's idempotencyKey option: repeated, but the receiver can drop the repeat (a note).
export async function onDisputeKeyed(event: { id: string; charge: string }) {
  await stripe.refunds.create({ charge: event.charge }, { idempotencyKey: event.id }); // expect: effect-before-idempotency note "stripe.refunds.create() can run before the idempotency marker is written (insert into 'processed_webhook_events', line 42); a redelivered event repeats it (it passes an idempotency key, so the receiver can drop the repeat if it honours the key)" // flow: effect-before-idempotency 1
  await db.from('processed_webhook_events').insert({ event_id: event.id }).throwOnError(); // related: effect-before-idempotency // flow: effect-before-idempotency 2
}

// An Idempotency-Key header: a note too.
export async function onCreditKeyed(event: { id: string }) {
  await fetch('https://api.example.com/credits', { method: 'POST', headers: { 'Idempotency-Key': event.id } }); // expect: effect-before-idempotency note "fetch() can run before the idempotency marker is written" // flow: effect-before-idempotency 1
  await db.from('processed_webhook_events').insert({ event_id: event.id }).throwOnError(); // related: effect-before-idempotency // flow: effect-before-idempotency 2
}

// The same call without a key: an error.
export async function onDisputeUnkeyed(event: { id: string; charge: string }) {
  await stripe.refunds.create({ charge: event.charge }); // expect: effect-before-idempotency error "stripe.refunds.create() can run before" // flow: effect-before-idempotency 1
  await db.from('processed_webhook_events').insert({ event_id: event.id }).throwOnError(); // related: effect-before-idempotency // flow: effect-before-idempotency 2
}

import { createClient } from 'jsr:@supabase/supabase-js@2';

const supabase = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SERVICE_KEY')!);

// Each handler verifies the signature header, which makes it a webhook handler.
Deno.serve(async (req) => {
  if (!req.headers.get('x-provider-signature')) return new Response('unsigned', { status: 401 });
  const event = await req.json();
  await supabase.from('orders').update({ status: 'paid' }).eq('id', event.order); // expect: effect-before-idempotency "update of 'orders' can run before the idempotency marker is written (insert into 'inbound_events', line 10)" // flow: effect-before-idempotency 1
  await supabase.from('inbound_events').insert({ provider: 'stripe', event_id: event.id }).throwOnError(); // related: effect-before-idempotency // flow: effect-before-idempotency 2
  return new Response('ok');
});

Deno.serve(async (req) => {
  if (!req.headers.get('x-provider-signature')) return new Response('unsigned', { status: 401 });
  const event = await req.json();
  await supabase.from('orders').update({ status: 'paid' }).eq('id', event.order); // expect: effect-before-idempotency "update of 'orders' can run before the idempotency marker is written (insert into 'hook_receipts', line 18)" // flow: effect-before-idempotency 1
  await supabase.from('hook_receipts').insert({ delivery_event_id: event.id }).throwOnError(); // related: effect-before-idempotency // flow: effect-before-idempotency 2
  return new Response('ok');
});

Deno.serve(async (req) => {
  if (!req.headers.get('x-provider-signature')) return new Response('unsigned', { status: 401 });
  const event = await req.json();
  await supabase.from('orders').update({ status: 'paid' }).eq('id', event.order); // expect: effect-before-idempotency "update of 'orders' can run before the idempotency marker is written (insert into 'api_requests', line 26)" // flow: effect-before-idempotency 1
  await supabase.from('api_requests').insert({ client_id: event.client, idempotency_key: event.id }).throwOnError(); // related: effect-before-idempotency // flow: effect-before-idempotency 2
  return new Response('ok');
});

// An upsert whose conflict target is the event id marks the table in the code itself.
Deno.serve(async (req) => {
  if (!req.headers.get('x-provider-signature')) return new Response('unsigned', { status: 401 });
  const event = await req.json();
  await supabase.from('orders').update({ status: 'paid' }).eq('id', event.order); // expect: effect-before-idempotency "update of 'orders' can run before the idempotency marker is written (upsert into 'call_log', line 35)" // flow: effect-before-idempotency 1
  const { data } = await supabase.from('call_log').upsert({ vapi_event_id: event.id }, { onConflict: 'vapi_event_id', ignoreDuplicates: true }).select(); // related: effect-before-idempotency // flow: effect-before-idempotency 2
  if (!data?.length) return new Response('duplicate');
  return new Response('ok');
});

// Clean: the failure log is written after the work, in the error path; it is no marker, so
// the function has none and nothing is out of order.
Deno.serve(async (req) => {
  if (!req.headers.get('x-provider-signature')) return new Response('unsigned', { status: 401 });
  const event = await req.json();
  const { error } = await supabase.from('orders').update({ status: 'paid' }).eq('id', event.order);
  if (error) await supabase.from('webhook_failures').insert({ stripe_event_id: event.id, error: error.message });
  await supabase.from('audit_log').insert({ source_event_id: event.id });
  return new Response('ok');
});

// Clean: an upsert on another conflict target is an ordinary write.
Deno.serve(async (req) => {
  if (!req.headers.get('x-provider-signature')) return new Response('unsigned', { status: 401 });
  const event = await req.json();
  await supabase.from('audit_log').upsert({ id: 1, source_event_id: event.id }, { onConflict: 'id' });
  await supabase.from('orders').update({ status: 'paid' }).eq('id', event.order);
  return new Response('ok');
});

// Clean: promo_usages is keyed by a reference to billing_events, not by the delivery's id.
Deno.serve(async (req) => {
  if (!req.headers.get('x-provider-signature')) return new Response('unsigned', { status: 401 });
  const event = await req.json();
  await supabase.from('orders').update({ status: 'paid' }).eq('id', event.order);
  await supabase.from('promo_usages').insert({ promo_id: event.promo, billing_event_id: event.billing }).throwOnError();
  return new Response('ok');
});

Deno.serve(async (req) => {
  if (!req.headers.get('x-provider-signature')) return new Response('unsigned', { status: 401 });
  const event = await req.json();
  await supabase.from('orders').update({ status: 'paid' }).eq('id', event.order); // expect: effect-before-idempotency "update of 'orders' can run before the idempotency marker is written (rpc 'claim_delivery'" // flow: effect-before-idempotency 1
  const { data: fresh } = await supabase.rpc('claim_delivery', { p_id: event.id }); // related: effect-before-idempotency // flow: effect-before-idempotency 2
  if (!fresh) return new Response('duplicate');
  return new Response('ok');
});

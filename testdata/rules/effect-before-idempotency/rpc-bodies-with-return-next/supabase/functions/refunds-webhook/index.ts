import { createClient } from 'jsr:@supabase/supabase-js@2';

const supabase = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SERVICE_KEY')!);

Deno.serve(async (req) => {
  const event = await req.json();
  // The rpc's body inserts a business row: an effect, before the marker rpc.
  await supabase.rpc('record_refund', { p_org: event.org, p_charge: event.charge }); // expect: effect-before-idempotency "rpc 'record_refund' can run before the idempotency marker is written (rpc 'claim_refund_event'" // flow: effect-before-idempotency 1
  const { data } = await supabase.rpc('claim_refund_event', { p_event_id: event.id }); // related: effect-before-idempotency // flow: effect-before-idempotency 2
  if (!data?.[0]?.fresh) return new Response('duplicate');
  return new Response('ok');
});

// Marker first, then the effect: fine.
Deno.serve(async (req) => {
  const event = await req.json();
  const { data } = await supabase.rpc('claim_refund_event', { p_event_id: event.id });
  if (!data?.[0]?.fresh) return new Response('duplicate');
  await supabase.rpc('record_refund', { p_org: event.org, p_charge: event.charge });
  return new Response('ok');
});

import { createClient } from '@supabase/supabase-js';
import { broadcast, remember } from '../lib/realtime';

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!);

// The helper broadcasts before the event is recorded: a redelivery broadcasts again.
export async function POST(req: Request) {
  const event = await req.json();
  broadcast(JSON.stringify(event)); // expect: effect-before-idempotency "broadcast() can run before the idempotency marker is written" // flow: effect-before-idempotency 1
  await supabase.from('processed_webhook_events').insert({ event_id: event.id }).throwOnError(); // related: effect-before-idempotency // flow: effect-before-idempotency 2
  return new Response('ok');
}

// Look-alike: the marker first, then the broadcast.
export async function PUT(req: Request) {
  const event = await req.json();
  await supabase.from('processed_webhook_events').insert({ event_id: event.id }).throwOnError();
  broadcast(JSON.stringify(event));
  return new Response('ok');
}

// Look-alike: a helper not named like an effect, before the marker.
export async function PATCH(req: Request) {
  const event = await req.json();
  remember(JSON.stringify(event));
  await supabase.from('processed_webhook_events').insert({ event_id: event.id }).throwOnError();
  return new Response('ok');
}

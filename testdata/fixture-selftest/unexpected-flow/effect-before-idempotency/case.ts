import { createClient } from '@supabase/supabase-js';
const supabase = createClient('u', 'k');
// Deliberately wrong: the runner must fail on this case (the flow has no step 3).
export async function POST(req: Request) {
  const event = await req.json();
  await fetch('https://example.com/hook', { method: 'POST' }); // expect: effect-before-idempotency // flow: effect-before-idempotency 1
  await supabase.from('processed_webhook_events').insert({ event_id: event.id }).throwOnError(); // related: effect-before-idempotency // flow: effect-before-idempotency 2
  return new Response('ok'); // flow: effect-before-idempotency 3
}

import { createClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!);

// The migrations define functions, so an rpc whose body no migration shows is an effect,
// whether or not the generated types list the function.
export async function POST(req: Request) {
  const event = await req.json();
  await supabase.rpc('sync_ledger', { p_id: event.id }); // expect: effect-before-idempotency "rpc 'sync_ledger'" // flow: effect-before-idempotency 1
  await supabase.from('stripe_events').insert({ id: event.id }).throwOnError(); // related: effect-before-idempotency // flow: effect-before-idempotency 2
  return new Response('ok');
}

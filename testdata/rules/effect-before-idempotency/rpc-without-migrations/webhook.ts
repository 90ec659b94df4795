// No migration defines any function here (the project keeps them in the dashboard): an rpc
// to an unknown function is not taken for an effect.
import { createClient } from '@supabase/supabase-js';
import { Resend } from 'resend';

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!);
const resend = new Resend(process.env.RESEND_KEY);

export async function POST(req: Request) {
  const event = await req.json();
  await supabase.rpc('refresh_stats', { p_id: event.id });
  await supabase.rpc('pg_tables');
  await supabase.from('processed_webhook_events').insert({ event_id: event.id }).throwOnError();
  return new Response('ok');
}

// A recognised effect still is one.
export async function PUT(req: Request) {
  const event = await req.json();
  await resend.emails.send({ to: event.email, subject: 'hi', html: '' }); // expect: effect-before-idempotency "resend.emails.send()" // flow: 9 effect-before-idempotency 1 "effect: resend.emails.send()"
  await supabase.from('processed_webhook_events').insert({ event_id: event.id }).throwOnError(); // related: effect-before-idempotency // flow: effect-before-idempotency 2
  return new Response('ok');
}

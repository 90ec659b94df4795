import { createClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!);

export async function POST(req: Request) {
  const event = await req.json();
  await supabase.rpc('refresh_stats', { p_id: event.id });
  await supabase.from('processed_webhook_events').insert({ event_id: event.id }).throwOnError();
  return new Response('ok');
}

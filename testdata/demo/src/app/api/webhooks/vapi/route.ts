import { NextResponse } from 'next/server';
import { supabaseAdmin } from '@/lib/supabase';
import { logCallEvent } from '@/lib/calls';

// Correct: the event id is recorded first, a duplicate stops the handler, effects follow.
export async function POST(req: Request) {
  const event = await req.json();
  if (!event?.id) {
    return NextResponse.json({ error: 'missing id' }, { status: 400 });
  }
  const { error: duplicate } = await supabaseAdmin
    .from('processed_webhook_events')
    .insert({ event_id: event.id });
  if (duplicate) {
    return NextResponse.json({ ok: true, duplicate: true });
  }
  await logCallEvent(event.orgId, event.callId, event.type);
  return NextResponse.json({ ok: true });
}

import { NextResponse } from 'next/server';
import { getServiceClient } from '@/lib/supabase';
import { deleteCall, logCallEvent, markCallStatus } from '@/lib/calls';

type Params = { params: { id: string } };

// Finishing a call makes two separate writes (one here, one in a helper): a crash in
// between leaves a completed call whose contact does not show it. (The log line is left out:
// a log row stands alone.) complete_call() does it in one transaction.
export async function PATCH(req: Request, { params }: Params) {
  const { orgId, contactId } = await req.json();
  const db = getServiceClient();
  await markCallStatus(orgId, params.id, 'completed');
  const { error } = await db
    .from('contacts')
    .update({ last_called_at: new Date().toISOString() })
    .eq('id', contactId)
    .eq('org_id', orgId);
  if (error) throw error;
  await logCallEvent(orgId, params.id, 'completed');
  return NextResponse.json({ ok: true });
}

export async function POST(req: Request, { params }: Params) {
  const { orgId, duration } = await req.json();
  const { error } = await getServiceClient().rpc('complete_call', {
    p_org_id: orgId,
    p_call_id: params.id,
    p_duration: duration,
  });
  return NextResponse.json({ ok: !error });
}

export async function DELETE(_req: Request, { params }: Params) {
  await deleteCall(params.id);
  return new NextResponse(null, { status: 204 });
}

export async function PUT(req: Request, { params }: Params) {
  const { status } = await req.json();
  const db = getServiceClient();
  // Mistake: no org filter on an update.
  await db.from('calls').update({ status }).eq('id', params.id);
  // Mistake: the function is called finish_call in no migration.
  await db.rpc('finish_call', { p_call_id: params.id });
  // Mistake: complete_call has no parameter p_id, and p_org_id is required.
  await db.rpc('complete_call', { p_id: params.id, p_call_id: params.id, p_duration: 0 });
  return NextResponse.json({ ok: true });
}

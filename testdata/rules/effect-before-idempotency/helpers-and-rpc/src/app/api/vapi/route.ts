import { NextResponse } from 'next/server';
import { db } from '../../../lib/db';
import { formatEvent, loadOrg, notifyOrg, recordEvent, sendEmail } from '../../../lib/notify';

// The schema makes vapi_call_events a marker table (unique vapi_event_id).
export async function POST(req: Request) {
  if (!req.headers.get('x-vapi-signature')) return new Response('unsigned', { status: 401 });
  const body = await req.json();
  const org = await loadOrg(body.orgId);
  await notifyOrg(org.id, 'call ended'); // expect: effect-before-idempotency "notifyOrg() (calls fetch) can run before the idempotency marker is written" // flow: effect-before-idempotency 1
  const { error } = await recordEvent(body.message.id); // related: effect-before-idempotency // flow: effect-before-idempotency 2
  if (error) return NextResponse.json({ duplicate: true });
  await db.rpc('close_call', { p_org_id: org.id, p_call_id: body.call.id });
  return NextResponse.json({ ok: true });
}

// Clean: the marker through the helper first.
export async function PUT(req: Request) {
  const body = await req.json();
  const { error } = await recordEvent(body.message.id);
  if (error) return NextResponse.json({ duplicate: true });
  await notifyOrg(body.orgId, 'updated');
  return NextResponse.json({ ok: true });
}

// The calls before the marker reach project functions that do nothing: formatEvent is no
// effect, but sendEmail is named in effect_calls, and the configured name wins over a body
// that shows no effect (a wrapper whose real effect txlint cannot see).
export async function PATCH(req: Request) {
  if (!req.headers.get('x-vapi-signature')) return new Response('unsigned', { status: 401 });
  const body = await req.json();
  sendEmail(body.email, formatEvent(body.message.id)); // expect: effect-before-idempotency "sendEmail() can run before the idempotency marker is written" // flow: effect-before-idempotency 1
  const { error } = await recordEvent(body.message.id); // related: effect-before-idempotency // flow: effect-before-idempotency 2
  if (error) return NextResponse.json({ duplicate: true });
  return NextResponse.json({ ok: true });
}

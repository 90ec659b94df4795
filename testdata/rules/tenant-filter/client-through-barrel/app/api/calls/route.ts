import { db, formatPhone } from '../../../lib';

export async function DELETE(req: Request) {
  const { id, orgId, phone } = await req.json();
  await db.from('calls').delete().eq('id', id); // expect: tenant-filter
  await db.from('calls').update({ phone: formatPhone(phone) }).eq('id', id).eq('org_id', orgId);
  return new Response(null, { status: 204 });
}

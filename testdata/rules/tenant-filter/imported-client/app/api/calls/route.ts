import { db, getAdmin } from '../../../lib/supabase';

export async function DELETE(req: Request) {
  const { id, orgId } = await req.json();
  await db.from('calls').delete().eq('id', id); // expect: tenant-filter
  await db.from('calls').delete().eq('id', id).eq('org_id', orgId);
  const admin = getAdmin();
  await admin.from('calls').update({ deleted: true }).eq('id', id); // expect: tenant-filter
  return new Response(null, { status: 204 });
}

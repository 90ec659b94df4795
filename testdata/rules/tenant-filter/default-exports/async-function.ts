import { supabase } from './client';

export default async function (req: Request) {
  const { id, orgId } = await req.json();
  await supabase.from('calls').update({ done: true }).eq('id', id).eq('org_id', orgId);
  await supabase.from('calls').update({ done: true }).eq('id', id); // expect: tenant-filter
}

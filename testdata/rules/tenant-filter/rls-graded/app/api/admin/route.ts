import { createClient } from '@supabase/supabase-js';
import { db } from '../../../lib/supabase';
import { adminClient, getServiceSupabase } from '../../../lib/supabase/admin';

export async function POST(req: Request) {
  const { id } = await req.json();
  // A service-role client bypasses the policies that hold the user-session clients.
  // expect: tenant-filter error "service-role key, so RLS does not apply"
  await adminClient.from('projects').update({ title: null }).eq('id', id);
  // expect: tenant-filter error "service-role key, so RLS does not apply"
  await db.from('projects').delete().eq('id', id);
  const svc = getServiceSupabase();
  // expect: tenant-filter error "service-role key, so RLS does not apply"
  await svc.from('tasks').delete().eq('id', id);
  // A secret key literal.
  const direct = createClient('https://x.supabase.co', 'sb_secret_0123456789abcdef');
  // expect: tenant-filter error "service-role key"
  await direct.from('tasks').update({ done: true }).eq('id', id);
  // Nothing says which key this is: an error, whatever the policies.
  const unknown = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!);
  // expect: tenant-filter error "has no filter on 'org_id' (filters: id)"
  await unknown.from('projects').delete().eq('id', id);
  return Response.json({ ok: true });
}

import { createClient } from '@supabase/supabase-js';
import { requestDb } from '../../../lib/db';
import { jobsClient } from '../../../lib/supabase/admin';

export async function PUT(req: Request) {
  const { id } = await req.json();
  const db = await requestDb();
  // expect: tenant-filter note "RLS policy 'tasks of my org'"
  await db.from('tasks').update({ done: true }).eq('id', id);
  // On a server, the anon key with the caller's token: the caller's rights.
  const token = req.headers.get('authorization')?.replace('Bearer ', '');
  const asUser = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!, {
    global: { headers: { Authorization: `Bearer ${token}` } },
  });
  // expect: tenant-filter note "RLS policy 'tasks of my org'"
  await asUser.from('tasks').delete().eq('id', id);
  // The anon key alone on a server: whose session it carries is not known.
  const anon = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!);
  // expect: tenant-filter error "has no filter on 'org_id' (filters: id)"
  await anon.from('tasks').delete().eq('id', id);
  // expect: tenant-filter error "service-role key"
  await jobsClient.from('tasks').delete().eq('id', id);
  return Response.json({ ok: true });
}

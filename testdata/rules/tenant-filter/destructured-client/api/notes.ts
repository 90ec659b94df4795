import { createClient } from '@supabase/supabase-js';
import { requireAuth } from '../lib/auth';

export async function archiveNote(req: Request, id: string) {
  const { service, user } = await requireAuth(req);
  await service.from('notes').update({ archived_by: user?.id }).eq('id', id); // expect: tenant-filter "service-role key"
}

export async function hideNote(req: Request, id: string) {
  const auth = await requireAuth(req);
  const { scoped: db } = auth;
  await db.from('notes').update({ hidden: true }).eq('id', id); // expect: tenant-filter
  await auth.service.from('notes').delete().eq('id', id); // expect: tenant-filter "service-role key"
}

// Not clients: a knex instance from the same helper, a plain destructured value.
export async function requeue(req: Request, id: string) {
  const { jobs, user } = await requireAuth(req);
  await jobs.from('notes').update({ queued: true }).eq('id', id);
  return Array.from([user]);
}

// A helper of this file: its result's client properties are known here.
function context() {
  const admin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
  return { admin, tags: ['a'] };
}

export async function dropNote(id: string) {
  const { admin: client, tags } = context();
  await client.from('notes').delete().eq('id', id); // expect: tenant-filter "service-role key"
  const ctx = context();
  await ctx.admin.from('notes').delete().eq('id', id).eq('org_id', tags[0]);
  await ctx.tags.from('notes').delete().eq('id', id);
}

// A signed-in user's client: graded by the policies that hold the role `authenticated`.
import { createBrowserClient } from '@supabase/ssr';

const db = createBrowserClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);

export async function edit(id: string) {
  // expect: tenant-filter error "without constraining 'org_id' in USING (its WITH CHECK checks only the rows written"
  await db.from('boards').update({ title: 'x' }).eq('id', id);
  // expect: tenant-filter error "UPDATE policy 'cards check only' has no USING expression, so a user session's update reaches no rows"
  await db.from('cards').update({ body: 'x' }).eq('id', id);
  // expect: tenant-filter note "RLS policy 'members edit lanes' scopes the rows"
  await db.from('lanes').update({ name: 'x' }).eq('id', id);
  // expect: tenant-filter note "RLS policy 'members remove lanes' scopes the rows"
  await db.from('lanes').delete().eq('id', id);
  // expect: tenant-filter error "UPDATE policy 'workers edit tags' is only for service_role, anon, not a user session"
  await db.from('tags').update({ label: 'x' }).eq('id', id);
  // expect: tenant-filter note "RLS policy 'files stay in the org' scopes the rows"
  await db.from('files').update({ path: 'x' }).eq('id', id);
  // expect: tenant-filter error "RLS policy 'anyone removes links' allows the DELETE without constraining 'org_id', so"
  await db.from('links').delete().eq('id', id);
  // expect: tenant-filter error "no permissive UPDATE policy ('pins in org' is restrictive"
  await db.from('pins').update({ x: 1 }).eq('id', id);
}

export async function changedLater(id: string) {
  // expect: tenant-filter error "RLS is not enabled on 'sheets'"
  await db.from('sheets').update({ body: 'x' }).eq('id', id);
  // expect: tenant-filter error "RLS policy 'members edit docs' allows the UPDATE without constraining 'org_id', so"
  await db.from('docs').update({ body: 'x' }).eq('id', id);
  // expect: tenant-filter note "RLS policy 'org members edit notes' scopes the rows"
  await db.from('notes').update({ body: 'x' }).eq('id', id);
  // expect: tenant-filter note "RLS policy 'members edit pages' scopes the rows"
  await db.from('pages').delete().eq('id', id);
  // expect: tenant-filter error "RLS is enabled on 'drafts' with no DELETE policy"
  await db.from('drafts').delete().eq('id', id);
  // expect: tenant-filter error "RLS is not enabled on 'forced'"
  await db.from('forced').update({ body: 'x' }).eq('id', id);
}

export async function roleChecks(id: string) {
  // expect: tenant-filter note "RLS policy 'members edit numbers' scopes the rows"
  await db.from('numbers').update({ n: 1 }).eq('id', id);
  // expect: tenant-filter error "policy 'service manages keys' is only for service_role (its USING requires that role)"
  await db.from('keys').delete().eq('id', id);
  // expect: tenant-filter error "RLS policy 'signed-in users edit seats' allows the UPDATE without constraining 'org_id'"
  await db.from('seats').update({ k: 'x' }).eq('id', id);
}

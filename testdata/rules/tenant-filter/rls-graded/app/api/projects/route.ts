import { createRequestClient } from '../../../lib/supabase';
import { createClient } from '../../../lib/supabase/server';

export async function PATCH(req: Request) {
  const { id, title } = await req.json();
  const supabase = await createClient();
  // expect: tenant-filter note "RLS policy 'members update projects'"
  await supabase.from('projects').update({ title }).eq('id', id);
  return Response.json({ ok: true });
}

export async function DELETE(req: Request) {
  const { id } = await req.json();
  const supabase = await createRequestClient();
  // Held by a policy that calls a helper function on the tenant column.
  // expect: tenant-filter note "RLS policy 'members delete projects'"
  await supabase.from('projects').delete().eq('id', id);
  // Only an INSERT policy: not graded down (RLS denies the update: it changes nothing).
  // expect: tenant-filter error "with no UPDATE policy, so a user session's update changes no rows"
  await supabase.from('invoices').update({ amount_cents: 0 }).eq('id', id);
  // expect: tenant-filter error "RLS is not enabled on 'activity'"
  await supabase.from('activity').delete().eq('id', id);
  // expect: tenant-filter note "RLS policy 'tasks of my org'"
  await supabase.from('tasks').delete().eq('id', id);
  // The policy looks at the author, not the tenant.
  // expect: tenant-filter error "policy 'authors edit notes' allows the UPDATE without constraining 'org_id'"
  await supabase.from('notes').update({ body: '' }).eq('id', id);
  // Two UPDATE policies: permissive policies combine with OR, and one ignores the tenant.
  // expect: tenant-filter error "policy 'staff edit any label' allows the UPDATE"
  await supabase.from('labels').update({ name: '' }).eq('id', id);
  // Its UPDATE policy was dropped: RLS now denies the update.
  // expect: tenant-filter error "with no UPDATE policy"
  await supabase.from('reports').update({ body: '' }).eq('id', id);
  // A filter on the tenant column: nothing to say.
  await supabase.from('projects').delete().eq('id', id).eq('org_id', req.headers.get('x-org'));
  return Response.json({ ok: true });
}

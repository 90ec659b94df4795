import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function archive(id: string, orgId: string) {
  // The filter is added to the builder later, on every path: safe.
  let q = supabase.from('contacts').update({ archived: true });
  q = q.eq('id', id);
  q = q.eq('org_id', orgId);
  const { error } = await q;
  if (error) throw error;
}

export async function archiveUnsafe(id: string) {
  let q = supabase.from('contacts').update({ archived: true }); // expect: tenant-filter
  q = q.eq('id', id);
  await q;
}

export async function baseThenOperation(id: string, orgId: string) {
  const base = supabase.from('contacts');
  await base.update({ archived: true }).eq('id', id).eq('org_id', orgId);
  await base.delete().eq('id', id); // expect: tenant-filter
}

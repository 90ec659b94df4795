import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

// Filters that cannot be read statically are never reported: unknown is not "missing".
export async function dynamic(id: string, where: Record<string, string>, column: string, orgId: string) {
  await supabase.from('notes').update({ pinned: true }).match(where);
  await supabase.from('notes').delete().or(`org_id.eq.${orgId},owner_id.eq.${id}`);
  await supabase.from('notes').delete().eq(column, orgId);
  await supabase.from('notes').update({ pinned: true }).match({ ...where, id });
}

function scoped<T>(q: T): T {
  return q;
}

export async function handedToHelper(id: string) {
  let q = supabase.from('notes').delete().eq('id', id);
  q = scoped(q);
  await q;
}

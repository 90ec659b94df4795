import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function variants(id: string, orgId: string, orgIds: string[]) {
  await supabase.from('tasks').update({ done: true }).match({ id, org_id: orgId });
  await supabase.from('tasks').update({ done: true }).match({ id }); // expect: tenant-filter
  await supabase.from('tasks').delete().filter('org_id', 'eq', orgId).eq('id', id);
  await supabase.from('tasks').delete().filter('org_id', 'neq', orgId); // expect: tenant-filter
  await supabase.from('tasks').delete().in('org_id', orgIds);
  await supabase.from('tasks').delete().neq('org_id', orgId); // expect: tenant-filter
  await supabase.from('tasks').update({ done: true }).match({ 'org_id': orgId, id });
  await supabase.from('tasks').delete().is('org_id', null); // expect: tenant-filter
}

import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function rename(orgId: number, id: string) {
  await supabase.from('organizations').update({ name: 'x' }).eq('org_id', orgId);
  await supabase.from('organizations').delete().eq('name', 'old');
  await supabase.from('projects').update({ title: 't' }).eq('id', id).eq('org_id', orgId);
  await supabase.from('projects').delete().eq('id', id); // expect: tenant-filter "no filter on 'org_id'"
}

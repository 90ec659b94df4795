import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function run(id: string, org: string) {
  await supabase.from('reports').delete().eq('id', id); // expect: tenant-filter "no filter on 'owner_org'"
  await supabase.from('reports').delete().eq('id', id).eq('owner_org', org);
  await supabase.from('memos').delete().eq('id', id);
  await supabase.from('drafts').update({ body: '' }).eq('id', id); // expect: tenant-filter "no filter on 'author_org'"
  await supabase.from('chores').delete().eq('id', id).eq('org_id', org);
}

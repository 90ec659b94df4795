import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function run(id: string, orgId: string) {
  await supabase.from('projects').delete().eq('id', id); // expect: tenant-filter "no filter on 'orgId'"
  await supabase.from('projects').delete().eq('id', id).eq('orgId', orgId);
}

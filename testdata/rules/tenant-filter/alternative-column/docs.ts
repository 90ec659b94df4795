import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function run(id: string, ws: string) {
  await supabase.from('docs').delete().eq('id', id).eq('workspace_id', ws);
  await supabase.from('docs').delete().eq('id', id); // expect: tenant-filter "no filter on 'workspace_id'"
}

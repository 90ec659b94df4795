import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function run(id: string) {
  await supabase.from('templates').delete().eq('id', id);
  await supabase.from('pages').delete().eq('id', id); // expect: tenant-filter "no filter on 'workspace_id'"
  // dropped: not in the schema any more, so any tenant name counts and none is present
  await supabase.from('old_boards').delete().eq('id', id); // expect: tenant-filter "'old_boards' is not in the schema"
}

import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function run(id: string, ws: string) {
  // not in the migrations: a filter on any tenant name counts
  await supabase.from('archived_calls').delete().eq('id', id).eq('workspace_id', ws);
  await supabase.from('archived_calls').delete().eq('id', id).eq('teamId', ws);
  await supabase.from('archived_calls').delete().eq('id', id); // expect: tenant-filter "has no filter on a tenant column (filters: id); 'archived_calls' is not in the schema"
}

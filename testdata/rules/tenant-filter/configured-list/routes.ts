import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function run(id: string, s: string) {
  await supabase.from('classes').delete().eq('id', id).eq('org_id', s); // expect: tenant-filter "no filter on 'studio_id' (filters: id, org_id)"
  await supabase.from('classes').delete().eq('id', id).eq('studio_id', s);
  // a column referencing the root of a configured column is a tenant column too
  await supabase.from('rentals').delete().eq('id', id); // expect: tenant-filter "no filter on 'venue'"
  await supabase.from('lessons').delete().eq('id', id);
  await supabase.from('studios').delete().eq('id', s);
}

import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function run(id: string) {
  // Global tables and the tenant table itself need no tenant filter.
  await supabase.from('feature_flags').update({ enabled: false }).eq('name', 'beta');
  await supabase.from('organizations').update({ name: 'x' }).eq('id', id);
  await supabase.from('calls').delete().eq('id', id); // expect: tenant-filter
  await supabase.from('tags').delete().eq('id', id); // expect: tenant-filter
  // Not in the migrations: the default tenant column applies.
  await supabase.from('legacy_items').delete().eq('id', id); // expect: tenant-filter
}

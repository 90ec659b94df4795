import { createClient } from '@supabase/supabase-js';

const db = createClient('url', 'key');

export async function wipe() {
  await db.from('call_logs').delete(); // expect: tenant-filter "(filters: none)"
  await db.from('call_logs').update({ archived: true }); // expect: tenant-filter
}

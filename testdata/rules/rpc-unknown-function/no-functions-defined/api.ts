import { createClient } from '@supabase/supabase-js';

// The project's SQL defines no function: its functions live elsewhere, nothing is judged.
export async function run(db = createClient('url', 'key')) {
  await db.rpc('anything_at_all', { a: 1 });
}

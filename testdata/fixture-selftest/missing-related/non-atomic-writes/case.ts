import { createClient } from '@supabase/supabase-js';
const db = createClient('u', 'k');
// Deliberately wrong: the runner must fail on this case (the second write has no marker).
export async function f(id: string) { // expect: non-atomic-writes
  await db.from('calls').delete().eq('id', id); // related: non-atomic-writes
  await db.from('call_logs').delete().eq('call_id', id);
}

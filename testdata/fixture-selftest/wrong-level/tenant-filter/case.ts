import { createClient } from '@supabase/supabase-js';
const supabase = createClient('u', 'k');
// Deliberately wrong: the finding is an error (unknown client), not a note.
export async function f(id: string) {
  await supabase.from('calls').delete().eq('id', id); // expect: tenant-filter note
}

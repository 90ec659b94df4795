import { createClient } from '@supabase/supabase-js';
const supabase = createClient('u', 'k');
// Deliberately wrong: the runner must fail on this case.
export async function f(id: string) {
  await supabase.from('calls').delete().eq('id', id); // expect: 3 tenant-filter
}

import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

// labs is no root once its only policy is gone: samples has no tenant column.
export async function relabel(id: string) {
  await supabase.from('samples').update({ label: 'x' }).eq('id', id);
}

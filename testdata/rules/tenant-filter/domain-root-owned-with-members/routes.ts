import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function run(id: string, studio: string) {
  await supabase.from('lessons').update({ topic: '' }).eq('id', id); // expect: tenant-filter "no filter on 'studio'"
  await supabase.from('lessons').update({ topic: '' }).eq('id', id).eq('studio', studio);
}

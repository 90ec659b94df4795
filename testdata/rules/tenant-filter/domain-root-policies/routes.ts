import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function run(id: string, clinic: string) {
  await supabase.from('visits').update({ notes: '' }).eq('id', id); // expect: tenant-filter "no filter on 'clinic_ref'"
  await supabase.from('visits').update({ notes: '' }).eq('id', id).eq('clinic_ref', clinic);
  await supabase.from('beds').delete().eq('id', id);
  await supabase.from('clinics').delete().eq('id', clinic);
}

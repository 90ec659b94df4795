import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function run(id: string, biz: string) {
  await supabase.from('bookings').delete().eq('id', id); // expect: tenant-filter "no filter on 'business_id'"
  await supabase.from('bookings').delete().eq('id', id).eq('business_id', biz);
  await supabase.from('business_members').delete().eq('user_id', id); // expect: tenant-filter "no filter on 'business_id'"
  await supabase.from('businesses').update({ name: 'x' }).eq('id', biz);
  await supabase.from('themes').delete().eq('id', id);
}

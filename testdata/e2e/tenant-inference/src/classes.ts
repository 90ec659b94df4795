import { createClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.URL!, process.env.KEY!);

export async function cancelClass(id: string, studioId: string) {
  await supabase.from('classes').delete().eq('id', id).eq('studio_id', studioId);
}

export async function renameClass(id: string) {
  await supabase.from('classes').update({ title: 'x' }).eq('id', id);
}

export async function dropBooking(id: string) {
  await supabase.from('bookings').delete().eq('id', id);
}

export async function setPrice(id: string) {
  await supabase.from('plans').update({ price: 1 }).eq('id', id);
}

export async function renameStudio(studioId: string) {
  await supabase.from('studios').update({ name: 'n' }).eq('id', studioId);
}

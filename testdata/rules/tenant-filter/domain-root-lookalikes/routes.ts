import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

// None of journeys, tiers or scans is a tenant root, so nothing here needs a tenant filter.
export async function run(id: string) {
  await supabase.from('stops').update({ place: '' }).eq('id', id);
  await supabase.from('journey_guests').delete().eq('guest', id);
  await supabase.from('purchases').update({ tier_id: null }).eq('id', id);
  await supabase.from('receipts').delete().eq('id', id);
  await supabase.from('scan_hits').delete().eq('id', id);
}

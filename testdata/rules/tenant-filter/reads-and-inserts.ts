import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

// Only update and delete are checked: reads and inserts carry the org in their values or RLS.
export async function readWrite(id: string, orgId: string) {
  const { data } = await supabase.from('calls').select('*').eq('id', id);
  await supabase.from('calls').insert({ id, org_id: orgId });
  await supabase.from('calls').upsert({ id, org_id: orgId });
  return data;
}

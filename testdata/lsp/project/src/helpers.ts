import { createClient } from '@supabase/supabase-js';

export const db = createClient('https://example.supabase.co', 'anon-key');

export async function markDone(orgId: string, id: string) {
  await db.from('calls').update({ status: 'done' }).eq('id', id).eq('org_id', orgId);
}

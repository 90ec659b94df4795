import { createClient } from '@supabase/supabase-js';

const db = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!);

export async function reassign(orgId: string, contactId: string, phone: string) {
  await db.rpc('reassign_contact', { p_org_id: orgId, p_contact_id: contactId, p_phone: phone });
}

// Defined only by the dump: known all the same.
export async function wipe(contactId: string) {
  await db.rpc('wipe_phone', { p_contact_id: contactId });
}

import { createClient } from '@supabase/supabase-js';

const db = createClient('url', 'key');

export default async function saveInvoice(orgId: string, total: number) {
  await db.from('invoices').insert({ org_id: orgId, total });
}

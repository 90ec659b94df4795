import { createClient } from '@supabase/supabase-js';

// The helpers come before the client; the write counts reach the caller through the call
// graph once the callers confirm the parameter is a client.
async function moveStock(db: any, orgId: string, qty: number) { // expect: non-atomic-writes "update 'stock', insert 'stock_moves'"
  await db.from('stock').update({ qty }).eq('org_id', orgId); // related: non-atomic-writes "write 1"
  await db.from('stock_moves').insert({ org_id: orgId, qty }); // related: non-atomic-writes "write 2"
}

// Never given a client: nothing to count.
async function moveOther(store: any, orgId: string) {
  await store.from('stock').update({ qty: 0 }).eq('org_id', orgId);
  await store.from('stock_moves').insert({ org_id: orgId });
}

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);

// One helper's writes are reported on the helper, not again on each caller.
export async function restock(orgId: string) {
  await moveStock(supabase, orgId, 5);
  await moveOther(new Map(), orgId);
}

import { createClient } from '@supabase/supabase-js';

const db = createClient('url', 'key');

// The last-seen stamp is left to finish on its own: nothing waits for it or depends on it.
export async function placeOrder(userId: string, total: number) {
  const { data, error } = await db.from('orders').insert({ user_id: userId, total }).select();
  if (error) throw error;
  void db.from('profiles').update({ last_order_at: 'now()' }).eq('id', userId);
  return data;
}

// expect: non-atomic-writes "'checkout' makes 2 separate writes (insert 'orders', insert 'order_items'; not counted: update 'carts' (not awaited))"
export async function checkout(userId: string, items: string[]) {
  const { data: order, error } = await db.from('orders').insert({ user_id: userId }).select().single(); // related: non-atomic-writes
  if (error) throw error;
  await db.from('order_items').insert(items.map((i) => ({ order_id: order.id, item: i }))); // related: non-atomic-writes
  db.from('carts').update({ emptied: true }).eq('user_id', userId).then(() => undefined);
}

// An awaited write whose result is dropped still counts: ignoring the error is no sign the
// row may be missing.
// expect: non-atomic-writes "'moveSeat' makes 2 separate writes (delete 'seats', insert 'seats')"
export async function moveSeat(seatId: string, row: number) {
  await db.from('seats').delete().eq('id', seatId); // related: non-atomic-writes
  await db.from('seats').insert({ id: seatId, row }); // related: non-atomic-writes
}

// Kept to be awaited later, or returned: not dropped.
// expect: non-atomic-writes "'signUp' makes 3 separate writes"
export async function signUp(userId: string) {
  const pending = db.from('accounts').insert({ id: userId }); // related: non-atomic-writes
  await db.from('memberships').insert({ user_id: userId }); // related: non-atomic-writes
  await pending;
  return db.from('memberships').update({ active: true }).eq('user_id', userId); // related: non-atomic-writes
}

import { createClient } from '@supabase/supabase-js';

const db = createClient('url', 'key');

// The order is checked; the last-seen stamp after it is fire-and-forget: the function
// goes on the same way whether it failed or not.
export async function placeOrder(userId: string, total: number) {
  const { data, error } = await db.from('orders').insert({ user_id: userId, total }).select();
  if (error) throw error;
  await db.from('profiles').update({ last_order_at: 'now()' }).eq('id', userId);
  return data;
}

// expect: non-atomic-writes "'checkout' makes 2 separate writes (insert 'orders', insert 'order_items'; not counted: update 'carts' (result unused))"
export async function checkout(userId: string, items: string[]) {
  const { data: order, error } = await db.from('orders').insert({ user_id: userId }).select().single(); // related: non-atomic-writes
  if (error) throw error;
  const { error: itemsError } = await db.from('order_items').insert(items.map((i) => ({ order_id: order.id, item: i }))); // related: non-atomic-writes
  if (itemsError) throw itemsError;
  await db.from('carts').update({ emptied: true }).eq('user_id', userId);
}

// A dropped result before a checked write still counts: if the second fails, the first stays.
// expect: non-atomic-writes "'moveSeat' makes 2 separate writes (delete 'seats', insert 'seats')"
export async function moveSeat(seatId: string, row: number) {
  await db.from('seats').delete().eq('id', seatId); // related: non-atomic-writes
  const { error } = await db.from('seats').insert({ id: seatId, row }); // related: non-atomic-writes
  if (error) throw error;
}

// When nothing is checked, the code shows no intent: every write counts.
// expect: non-atomic-writes "'signUp' makes 2 separate writes"
export async function signUp(userId: string) {
  await db.from('accounts').insert({ id: userId }); // related: non-atomic-writes
  await db.from('memberships').insert({ user_id: userId }); // related: non-atomic-writes
}

// .throwOnError() checks the write even with the result dropped.
// expect: non-atomic-writes "'archive' makes 2 separate writes (update 'boards', update 'cards')"
export async function archive(boardId: string) {
  const { error } = await db.from('boards').update({ archived: true }).eq('id', boardId); // related: non-atomic-writes
  if (error) throw error;
  await db.from('cards').update({ archived: true }).eq('board_id', boardId).throwOnError(); // related: non-atomic-writes
}

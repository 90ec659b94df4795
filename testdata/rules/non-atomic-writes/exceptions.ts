import { createClient } from '@supabase/supabase-js';

const db = createClient('url', 'key');

// Clean: a write that throws wrote nothing, so the fallback in the catch is the only write
// on that path (one write on each path).
export async function saveWithFallback(id: string) {
  try {
    await db.from('orders').insert({ id }).throwOnError();
  } catch {
    await db.from('orders_outbox').insert({ id });
  }
}

// Clean: a helper that throws on its write's error is the same fallback.
async function saveOrder(id: string) {
  const { error } = await db.from('orders').insert({ id });
  if (error) throw error;
}

export async function saveThroughHelper(id: string) {
  try {
    await saveOrder(id);
  } catch {
    await db.from('orders_outbox').insert({ id });
  }
}

// A compensation after a write that succeeded still adds up: the first insert, then the
// second fails, then the catch deletes twice.
export async function compensate(id: string) { // expect: non-atomic-writes "makes 3 separate writes (insert 'orders', delete 'order_items', delete 'orders')"
  try {
    await db.from('orders').insert({ id }).throwOnError(); // related: non-atomic-writes "write 1: insert 'orders'"
    await db.from('order_items').insert({ order_id: id }).throwOnError();
  } catch {
    await db.from('order_items').delete().eq('order_id', id); // related: non-atomic-writes "write 2: delete 'order_items'"
    await db.from('orders').delete().eq('id', id); // related: non-atomic-writes "write 3: delete 'orders'"
  }
}

// finally runs after the try block completes: two writes in sequence.
export async function withFinally(id: string) { // expect: non-atomic-writes "makes 2 separate writes (insert 'orders', insert 'order_history')"
  try {
    await db.from('orders').insert({ id }).throwOnError(); // related: non-atomic-writes "write 1"
  } finally {
    await db.from('order_history').insert({ id }); // related: non-atomic-writes "write 2"
  }
}

// A throw after a write that succeeded leaves the write made: two writes.
export async function throwAfterWrite(id: string, ok: boolean) { // expect: non-atomic-writes "makes 2 separate writes (insert 'orders', insert 'orders_outbox')"
  try {
    await db.from('orders').insert({ id }); // related: non-atomic-writes "write 1"
    if (!ok) throw new Error('rejected');
  } catch {
    await db.from('orders_outbox').insert({ id }); // related: non-atomic-writes "write 2"
  }
}

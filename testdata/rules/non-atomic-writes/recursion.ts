import { createClient } from '@supabase/supabase-js';

const db = createClient('url', 'key');

// Mutual recursion terminates; each call writes once, and recursion repeats the write.
export async function walk(id: string, depth: number): Promise<void> { // expect: non-atomic-writes
  await db.from('nodes').update({ seen: true }).eq('id', id); // related: non-atomic-writes "write 1: update 'nodes'"
  if (depth > 0) await hop(id, depth - 1); // related: non-atomic-writes
}

// All of hop's writes come through its one call of walk: walk is the function reported.
async function hop(id: string, depth: number): Promise<void> {
  await walk(id, depth);
}

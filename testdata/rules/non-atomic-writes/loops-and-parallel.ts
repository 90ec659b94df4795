import { createClient } from '@supabase/supabase-js';

const db = createClient('url', 'key');

export async function importAll(rows: { id: string; orgId: string }[]) { // expect: non-atomic-writes "in a loop"
  for (const row of rows) {
    await db.from('contacts').insert(row); // related: non-atomic-writes
  }
}

export async function parallel(orgId: string) { // expect: non-atomic-writes "insert 'a', insert 'b'"
  await Promise.all([
    db.from('a').insert({ org_id: orgId }), // related: non-atomic-writes
    db.from('b').insert({ org_id: orgId }), // related: non-atomic-writes
  ]);
}

export async function mapped(ids: string[]) { // expect: non-atomic-writes
  await Promise.all(ids.map(async (id) => db.from('tasks').update({ done: true }).eq('id', id))); // related: non-atomic-writes
}

// One write, once: atomic by itself.
export async function one(orgId: string) {
  await db.from('a').insert({ org_id: orgId });
}

// Bulk insert of an array is one statement.
export async function bulk(rows: object[]) {
  await db.from('contacts').insert(rows);
}

import { from } from 'rxjs';
import knex from 'knex';

const db = knex({ client: 'pg' });

// None of these is a supabase-js query.
export async function notQueries(items: number[], text: string) {
  const copy = Array.from(items);
  const bytes = Buffer.from(text);
  const map = Object.fromEntries([['a', 1]]);
  const stream = from(items);
  await db.from('calls').where('id', 1).update({ open: false });
  await db.from('calls').where('id', 1).delete();
  return { copy, bytes, map, stream };
}

import { db } from './lib/db';

// `db` is a knex instance: its from().update() is not a supabase-js chain.
export async function closeAll() {
  await db.from('calls').update({ open: false });
}

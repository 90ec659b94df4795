import { db } from '../src/services/db';

// Clean: a seed script fills webhook_events (a default marker table) among other tables; the
// function's name mentions webhooks but nothing in it handles one.
export async function seedWebhooks() {
  await db.from('profiles').upsert({ id: 'u1', name: 'Ada' });
  await db.from('webhook_events').insert({ event_id: 'evt_seed_1' }).throwOnError();
}

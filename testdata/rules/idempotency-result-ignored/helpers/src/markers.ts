import { createClient } from '@supabase/supabase-js';

export const db = createClient('url', 'key');

// Drops the insert's result: no caller can tell a duplicate.
export async function markProcessed(eventId: string) {
  await db.from('processed_webhook_events').insert({ event_id: eventId }); // related: idempotency-result-ignored
}

// Returns a verdict the caller can test.
export async function claim(eventId: string): Promise<boolean> {
  const { error } = await db.from('processed_webhook_events').insert({ event_id: eventId });
  return !error;
}

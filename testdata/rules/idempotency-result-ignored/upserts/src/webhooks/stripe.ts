import { createClient } from '@supabase/supabase-js';

const db = createClient('url', 'key');
declare function sendEmail(to: string, body: string): Promise<void>;

// The default upsert overwrites on a conflict: checking its error tells nothing.
export async function onPaid(event: { id: string; email: string }) {
  const { error } = await db.from('processed_webhook_events').upsert({ event_id: event.id }); // expect: idempotency-result-ignored "the idempotency marker write (upsert into 'processed_webhook_events') overwrites the row on a conflict (ignoreDuplicates is not true), so it cannot tell a duplicate: the handler re-runs sendEmail() (line 10) on every redelivery" // flow: idempotency-result-ignored 1
  if (error) throw error;
  await sendEmail(event.email, 'paid'); // related: idempotency-result-ignored // flow: idempotency-result-ignored 2
}

// ignoreDuplicates: false says the same.
export async function onRefunded(event: { id: string; email: string }) {
  const { data } = await db.from('processed_webhook_events').upsert({ event_id: event.id }, { onConflict: 'event_id', ignoreDuplicates: false }).select(); // expect: idempotency-result-ignored "overwrites the row on a conflict" // flow: idempotency-result-ignored 1
  if (!data?.length) return;
  await sendEmail(event.email, 'refunded'); // related: idempotency-result-ignored // flow: idempotency-result-ignored 2
}

// Clean: ignoreDuplicates: true returns no row for a duplicate, and the rows are checked.
export async function onDisputed(event: { id: string; email: string }) {
  const { data } = await db.from('processed_webhook_events').upsert({ event_id: event.id }, { onConflict: 'event_id', ignoreDuplicates: true }).select();
  if (!data?.length) return;
  await sendEmail(event.email, 'disputed');
}

// ignoreDuplicates: true but the rows are never looked at: the result is ignored.
export async function onUpdated(event: { id: string; email: string }) {
  await db.from('processed_webhook_events').upsert({ event_id: event.id }, { ignoreDuplicates: true }); // expect: idempotency-result-ignored "the result of the idempotency marker write (upsert into 'processed_webhook_events') is not checked before sendEmail()" // flow: idempotency-result-ignored 1
  await sendEmail(event.email, 'updated'); // related: idempotency-result-ignored // flow: idempotency-result-ignored 2
}

// Clean: options built elsewhere are not read, so nothing is said about them.
export async function onClosed(event: { id: string; email: string }, opts: { ignoreDuplicates: boolean }) {
  const { data } = await db.from('processed_webhook_events').upsert({ event_id: event.id }, opts).select();
  if (!data?.length) return;
  await sendEmail(event.email, 'closed');
}

// Clean: an overwriting upsert with no effect after it re-runs nothing.
export async function onPinged(event: { id: string }) {
  await db.from('processed_webhook_events').upsert({ event_id: event.id }).throwOnError();
}

import { db } from './db';

// An effect two calls away: notifyOrg -> postToSlack -> fetch.
async function postToSlack(text: string) {
  await fetch(process.env.SLACK_URL!, { method: 'POST', body: JSON.stringify({ text }) }); // related: effect-before-idempotency
}

export async function notifyOrg(orgId: string, text: string) {
  await postToSlack(`[${orgId}] ${text}`);
}

// Not an effect: a read.
export async function loadOrg(orgId: string) {
  const { data } = await db.from('orgs').select('*').eq('id', orgId).single();
  return data;
}

// The marker through a helper that returns the insert's result.
export async function recordEvent(eventId: string) {
  return db.from('vapi_call_events').insert({ vapi_event_id: eventId });
}

// A project function that does nothing (mail is switched off here), named like an effect:
// calls to it are effects all the same (the name is configured as one).
export function sendEmail(_to: string, _text: string): void {
  // disabled in this deployment
}

// A formatter with no calls at all: calling it is not an effect either.
export function formatEvent(id: string): string {
  return `event ${id}`;
}

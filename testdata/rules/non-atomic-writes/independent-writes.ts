import { createClient } from '@supabase/supabase-js';

const db = createClient('url', 'key');

// A log row beside the real write: losing it loses history, not consistency.
export async function closeTicket(ticketId: string) {
  const { error } = await db.from('tickets').update({ closed: true }).eq('id', ticketId);
  if (error) throw error;
  await db.from('ticket_events').insert({ ticket_id: ticketId, kind: 'closed' });
}

// Audit and metrics rows, also through a helper.
async function recordMetric(name: string) {
  await db.from('usage_metrics').insert({ name });
}

export async function renameProject(projectId: string, name: string) {
  const { error } = await db.from('projects').update({ name }).eq('id', projectId);
  if (error) throw error;
  await db.from('audit_trail').insert({ project_id: projectId, action: 'rename' });
  await recordMetric('project.rename');
}

// Two real writes and a log row: the message lists the log apart.
// expect: non-atomic-writes "'transfer' makes 2 separate writes (update 'wallets', update 'wallets'; not counted: insert 'transfer_logs' (independent table))"
export async function transfer(from: string, to: string, amount: number) {
  const a = await db.from('wallets').update({ delta: -amount }).eq('id', from); // related: non-atomic-writes
  if (a.error) throw a.error;
  const b = await db.from('wallets').update({ delta: amount }).eq('owner', to); // related: non-atomic-writes
  if (b.error) throw b.error;
  const { error } = await db.from('transfer_logs').insert({ from, to, amount });
  if (error) throw error;
}

// A cleanup cron that only trims log tables sequences nothing that can tear.
export async function trimLogs(before: string) {
  await db.from('request_logs').delete().lt('created_at', before);
  await db.from('error_log').delete().lt('created_at', before);
  await db.from('analytics_daily').delete().lt('day', before);
}

// A look-alike: `events` alone is a domain table (a calendar's), not a log.
// expect: non-atomic-writes "'book' makes 2 separate writes (insert 'events', insert 'attendees')"
export async function book(eventId: string, userId: string) {
  await db.from('events').insert({ id: eventId }); // related: non-atomic-writes
  await db.from('attendees').insert({ event_id: eventId, user_id: userId }); // related: non-atomic-writes
}

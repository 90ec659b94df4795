import { createClient } from '@supabase/supabase-js';

const db = createClient('url', 'key');

export async function close(id: string) {
  await db.rpc('close_ticket', { p_ticket_id: id });
  await db.rpc('close_ticket', { p_ticket_id: id, p_reason: 'done' }); // expect: rpc-argument-mismatch "passes 'p_reason'"
  // a function only the types define
  await db.rpc('reopen_ticket', { p_ticket_id: id });
  await db.rpc('reopen_ticket', { p_id: id }); // expect: rpc-argument-mismatch "passes 'p_id'"
}

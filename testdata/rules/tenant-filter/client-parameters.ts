import { createClient } from '@supabase/supabase-js';
import knex from 'knex';

// Helpers defined above the code that makes the client: their parameters say nothing (`any`,
// no type) or name the client through ReturnType; the callers below pass clients.
async function archive(db: any, id: string) {
  await db.from('calls').update({ archived: true }).eq('id', id); // expect: tenant-filter "service-role key"
}

async function archiveScoped(db: any, id: string, orgId: string) {
  await db.from('calls').update({ archived: true }).eq('id', id).eq('org_id', orgId);
}

function reopen(id: string, client) {
  return client.from('calls').update({ open: true }).eq('id', id); // expect: tenant-filter
}

type Db = ReturnType<typeof createClient>;
async function close(db: Db, id: string) {
  await db.from('calls').update({ open: false }).eq('id', id); // expect: tenant-filter
}

async function drop(admin: ReturnType<typeof getServiceClient>, id: string) {
  await admin.from('calls').delete().eq('id', id); // expect: tenant-filter
}

// Look-alikes: a parameter only ever given something else, Array.from, Buffer.from.
async function rollup(q: any, id: string) {
  await q.from('calls').update({ rolled: true }).eq('id', id);
}

function copy(rows: unknown[], text: string) {
  return [Array.from(rows), Buffer.from(text)];
}

function getServiceClient() {
  return createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
}

const service = getServiceClient();
const user = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!, {
  global: { headers: { Authorization: 'Bearer token' } },
});

export async function handle(id: string, orgId: string) {
  await archive(service, id);
  await archiveScoped(service, id, orgId);
  await reopen(id, user);
  await reopen(id, service);
  await close(service, id);
  await drop(service, id);
  await rollup(knex({ client: 'pg' }), id);
  copy([], id);
}

import { createClient } from '@supabase/supabase-js';

const db = createClient('url', 'key');

// No fix: the caller chooses the tenant in the request body.
export async function POST(req: Request) {
  const { orgId, id } = await req.json();
  await db.from('calls').delete().eq('id', id);
  return orgId;
}

// No fix: two values could hold the tenant.
export async function both(orgId: string, org_id: string, id: string) {
  await db.from('calls').delete().eq('id', id);
  return orgId + org_id;
}

// Fix: the enclosing function's parameter.
export function nested(org_id: string) {
  return async (id: string) => {
    await db.from('calls').update({ open: true }).eq('id', id);
  };
}

// No fix: the only candidate is declared after the chain.
export async function later(id: string) {
  await db.from('calls').delete().eq('id', id);
  const orgId = id;
  return orgId;
}

import { db } from './helpers';

// One tenant value in scope, a parameter: the quick fix adds .eq('org_id', orgId).
export async function cancelCall(orgId: string, id: string) {
  await db.from('calls').update({ status: 'cancelled' }).eq('id', id);
}

// The only candidate comes from the request body: no quick fix.
export async function PATCH(req: Request) {
  const { orgId, id } = await req.json();
  await db.from('calls').delete().eq('id', id);
  return orgId;
}

// Two plausible values (a parameter and a local): no quick fix, the user chooses.
export async function archive(tenantId: string, id: string) {
  const organizationId = await lookupOrganization(tenantId);
  await db.from('calls').delete().eq('id', id);
}

async function lookupOrganization(id: string) {
  return id;
}

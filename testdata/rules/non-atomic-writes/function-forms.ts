import { createClient } from '@supabase/supabase-js';

const db = createClient('url', 'key');

export async function declared(orgId: string) { // expect: non-atomic-writes "'declared' makes 2 separate writes (insert 'calls', insert 'call_notes')"
  await db.from('calls').insert({ org_id: orgId }); // related: non-atomic-writes
  await db.from('call_notes').insert({ org_id: orgId }); // related: non-atomic-writes
}

export const arrow = async (orgId: string) => { // expect: 14 non-atomic-writes
  await db.from('calls').insert({ org_id: orgId }); // related: non-atomic-writes
  await db.from('calls').update({ status: 'x' }).eq('org_id', orgId); // related: non-atomic-writes
};

const expression = async function (orgId: string) { // expect: non-atomic-writes
  await db.from('calls').delete().eq('org_id', orgId); // related: non-atomic-writes
  await db.from('call_notes').delete().eq('org_id', orgId); // related: non-atomic-writes
};

export class CallService {
  async close(orgId: string) { // expect: non-atomic-writes "'CallService.close'"
    await db.from('calls').update({ open: false }).eq('org_id', orgId); // related: non-atomic-writes
    await db.from('call_notes').insert({ org_id: orgId }); // related: non-atomic-writes
  }

  archive = async (orgId: string) => { // expect: non-atomic-writes "'archive'"
    await db.from('calls').update({ archived: true }).eq('org_id', orgId); // related: non-atomic-writes
    await db.from('calls').delete().eq('org_id', orgId).eq('archived', false); // related: non-atomic-writes
  };

  async single(orgId: string) {
    await db.from('calls').update({ open: false }).eq('org_id', orgId);
  }
}

export default async function handler(req: any, res: any) { // expect: non-atomic-writes
  await db.from('calls').upsert({ id: req.body.id, org_id: req.body.orgId }); // related: non-atomic-writes
  await db.from('call_notes').insert({ org_id: req.body.orgId }); // related: non-atomic-writes
  res.status(204).end();
}

void expression;

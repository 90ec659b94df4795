import express from 'express';
import { createClient } from '@supabase/supabase-js';

const db = createClient('url', 'key');
const router = express.Router();

// expect: non-atomic-writes "'<anonymous>' makes 2 separate writes"
router.post('/calls', async (req, res) => {
  await db.from('calls').insert({ org_id: req.body.orgId }); // related: non-atomic-writes
  await db.from('call_notes').insert({ org_id: req.body.orgId }); // related: non-atomic-writes
  res.sendStatus(201);
});

export async function POST(req: Request) { // expect: non-atomic-writes "'POST'"
  const body = await req.json();
  await db.from('contacts').insert(body); // related: non-atomic-writes
  await db.from('contacts').update({ verified: true }).eq('org_id', body.orgId); // related: non-atomic-writes
  return new Response(null);
}

Deno.serve(async (req) => { // expect: non-atomic-writes
  const body = await req.json();
  await db.from('events').insert(body); // related: non-atomic-writes
  await db.from('event_counts').upsert({ org_id: body.orgId }); // related: non-atomic-writes
  return new Response('ok');
});

// A script (a seeder, a backfill) runs its writes at the top level of the module: they are
// counted like a function body's, as '<module>'.
import { createClient } from '@supabase/supabase-js';

const db = createClient('url', 'key');

async function seedPlans() {
  await db.from('plans').insert({ id: 'free' });
}

const { data: orgs } = await db.from('organizations').select('id'); // expect: non-atomic-writes "'<module>' makes 3 separate writes (update 'organizations', insert 'plans' via seedPlans, insert 'backfill_runs')"
if (orgs) {
  await db.from('organizations').update({ plan: 'free' }).eq('plan', 'trial'); // related: non-atomic-writes "write 1: update 'organizations'"
}
await seedPlans(); // related: non-atomic-writes "write 2: insert 'plans' through seedPlans"
try {
  await db.from('backfill_runs').insert({ event: 'backfill' }).throwOnError(); // related: non-atomic-writes "write 3: insert 'backfill_runs'"
} catch {
  await db.from('backfill_outbox').insert({ event: 'backfill' });
}

// The serve callback is a function of its own (reported on its own), not part of the top
// level.
Deno.serve(async (req) => { // expect: non-atomic-writes "'<anonymous>' makes 2 separate writes"
  const body = await req.json();
  await db.from('orders').insert(body); // related: non-atomic-writes "write 1"
  await db.from('order_notes').insert({ order_id: body.id }); // related: non-atomic-writes "write 2"
  return new Response('ok');
});

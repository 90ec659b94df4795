import { insertOrder, insertOrderLines } from '@/lib/db';
import * as orders from '../../../lib/db/orders';

// Two helpers in another file (through an index.ts re-export and a tsconfig alias).
export async function POST(req: Request) { // expect: non-atomic-writes "insert 'orders' via insertOrder, insert 'order_lines' via insertOrderLines"
  const { orgId, total, lines } = await req.json();
  await insertOrder(orgId, total); // related: non-atomic-writes
  await insertOrderLines(orgId, lines); // related: non-atomic-writes
  return new Response(null, { status: 201 });
}

// All writes come from one call: recordPayment is reported, not this handler.
export async function PUT(req: Request) {
  const { orgId, amount } = await req.json();
  await orders.recordPayment(orgId, amount);
  return new Response(null);
}

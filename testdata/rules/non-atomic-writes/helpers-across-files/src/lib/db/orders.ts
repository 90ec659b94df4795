import { db } from './client';

export async function insertOrder(orgId: string, total: number) {
  await db.from('orders').insert({ org_id: orgId, total });
}

export async function insertOrderLines(orgId: string, lines: object[]) {
  await db.from('order_lines').insert(lines.map((l) => ({ ...l, org_id: orgId })));
}

// Two levels down: recordPayment -> bumpBalance.
async function bumpBalance(orgId: string, amount: number) {
  await db.from('balances').update({ amount }).eq('org_id', orgId);
}

export async function recordPayment(orgId: string, amount: number) { // expect: non-atomic-writes "insert 'payments', update 'balances' via bumpBalance"
  await db.from('payments').insert({ org_id: orgId, amount }); // related: non-atomic-writes
  await bumpBalance(orgId, amount); // related: non-atomic-writes
}

import { createClient } from '@supabase/supabase-js';

const db = createClient('url', 'key');
declare function transcode(id: string): Promise<void>;

// Status progression of one row around an external call: the row moves from state to
// state, and each state is one the code writes on purpose.
export async function runJob(jobId: string) {
  const { error } = await db.from('jobs').update({ status: 'processing' }).eq('id', jobId);
  if (error) throw error;
  await transcode(jobId);
  const { error: doneError } = await db.from('jobs').update({ status: 'done' }).eq('id', jobId);
  if (doneError) throw doneError;
}

// Reported once another row is written too; the message says the row is updated again.
// expect: non-atomic-writes "'runExport' makes 2 separate writes (update 'exports' (and again on the same row), insert 'files')"
export async function runExport(exportId: string, orgId: string) {
  await db.from('exports').update({ status: 'running' }).eq('id', exportId).eq('org_id', orgId); // related: non-atomic-writes
  await transcode(exportId);
  await db.from('files').insert({ export_id: exportId }); // related: non-atomic-writes
  await db.from('exports').update({ status: 'done' }).eq('org_id', orgId).eq('id', exportId);
}

// A different key filter is another row set.
// expect: non-atomic-writes "'settle' makes 2 separate writes (update 'invoices', update 'invoices')"
export async function settle(invoiceId: string, customerId: string) {
  await db.from('invoices').update({ status: 'paid' }).eq('id', invoiceId); // related: non-atomic-writes
  await db.from('invoices').update({ overdue: false }).eq('customer_id', customerId); // related: non-atomic-writes
}

// A range filter does not pin one row.
// expect: non-atomic-writes "'expire' makes 2 separate writes"
export async function expire(cutoff: string) {
  await db.from('sessions').update({ state: 'expiring' }).lt('seen_at', cutoff); // related: non-atomic-writes
  await db.from('sessions').update({ state: 'expired' }).lt('seen_at', cutoff); // related: non-atomic-writes
}

// The branch with the most updates writes one row; the other branch's two rows win.
// expect: non-atomic-writes "'retry' makes 2 separate writes (insert 'attempts', insert 'alerts')"
export async function retry(jobId: string, giveUp: boolean) {
  if (!giveUp) {
    await db.from('jobs').update({ status: 'queued' }).eq('id', jobId);
    await db.from('jobs').update({ tries: 1 }).eq('id', jobId);
    await db.from('jobs').update({ status: 'waiting' }).eq('id', jobId);
  } else {
    await db.from('attempts').insert({ job_id: jobId }); // related: non-atomic-writes
    await db.from('alerts').insert({ job_id: jobId }); // related: non-atomic-writes
  }
}

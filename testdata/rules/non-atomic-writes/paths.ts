import { createClient } from '@supabase/supabase-js';

const db = createClient('url', 'key');

// One write on each side of an if/else: every execution makes one write.
export async function setStatus(id: string, done: boolean) {
  if (done) {
    await db.from('calls').update({ status: 'done' }).eq('id', id);
  } else {
    await db.from('calls').delete().eq('id', id);
  }
}

// An early return makes the branches exclusive too.
export async function createOrTouch(id: string, exists: boolean) {
  if (exists) {
    await db.from('contacts').update({ seen_at: 'now()' }).eq('id', id);
    return;
  }
  await db.from('contacts').insert({ id });
}

// switch arms that end in break or return.
export async function byKind(kind: string, id: string) {
  switch (kind) {
    case 'archive':
      await db.from('calls').update({ archived: true }).eq('id', id);
      break;
    case 'purge':
      await db.from('calls').delete().eq('id', id);
      return 'purged';
    default:
      await db.from('call_notes').insert({ id, kind });
  }
  return 'ok';
}

// Conditional expressions.
export async function ternary(id: string, keep: boolean) {
  return keep
    ? await db.from('calls').update({ kept: true }).eq('id', id)
    : await db.from('calls').delete().eq('id', id);
}

export async function shortCircuit(id: string, flag: boolean) {
  const res = flag && (await db.from('flags').insert({ id }));
  return res;
}

// A switch arm that falls through into the next one runs both writes.
export async function fallThrough(kind: string, id: string) { // expect: non-atomic-writes "insert 'calls', update 'calls'"
  switch (kind) {
    case 'new':
      await db.from('calls').insert({ id }); // related: non-atomic-writes
    case 'touch':
      await db.from('calls').update({ touched: true }).eq('id', id); // related: non-atomic-writes
      break;
  }
}

// A branch followed by a common write: the branch's path has two.
export async function branchThenCommon(id: string, log: boolean) { // expect: non-atomic-writes "2 separate writes (insert 'call_notes', update 'calls')"
  if (log) {
    await db.from('call_notes').insert({ id }); // related: non-atomic-writes
  } else {
    console.log('skipped');
  }
  await db.from('calls').update({ logged: log }).eq('id', id); // related: non-atomic-writes
}

// The heaviest branch is what counts, and the message lists only its writes.
export async function heavyBranch(id: string, full: boolean) { // expect: non-atomic-writes "2 separate writes (delete 'calls', delete 'call_notes')"
  if (full) {
    await db.from('calls').delete().eq('id', id); // related: non-atomic-writes
    await db.from('call_notes').delete().eq('call_id', id); // related: non-atomic-writes
  } else {
    await db.from('calls').update({ hidden: true }).eq('id', id);
  }
}

// A loop followed by a write: the loop body runs many times, then the write.
export async function loopThenWrite(ids: string[]) { // expect: non-atomic-writes "in a loop"
  for (const id of ids) {
    if (!id) continue;
    await db.from('calls').update({ closed: true }).eq('id', id); // related: non-atomic-writes
  }
  await db.from('batches').insert({ count: ids.length }); // related: non-atomic-writes
}

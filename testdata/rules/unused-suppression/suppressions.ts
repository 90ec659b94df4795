import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function jobs(id: string, cutoff: string) {
  // A used suppression with a reason: fine.
  // txlint-ignore tenant-filter -- admin purge, runs once per organization
  await supabase.from('calls').delete().lt('created_at', cutoff);

  await supabase.from('calls').delete().eq('id', id); // txlint-ignore tenant-filter -- reviewed

  // expect: unused-suppression "matches no finding"
  // txlint-ignore tenant-filter -- nothing to suppress below
  await supabase.from('calls').select('*');

  // expect: unused-suppression "no reason"
  // txlint-ignore tenant-filter
  await supabase.from('calls').delete().eq('id', id);

  // expect: unused-suppression "unknown rule 'tenant-filtr'"
  // txlint-ignore tenant-filtr -- typo
  await supabase.from('calls').update({ a: 1 }).eq('id', id).eq('org_id', id);

  /* txlint-ignore tenant-filter -- block comments work too */ await supabase.from('calls').delete();
}

// Comments inside types are still read (the walk skips type subtrees otherwise).
export interface CallRow {
  id: string;
  // expect: unused-suppression "matches no finding"
  // txlint-ignore tenant-filter -- a type has no queries
  org_id: string;
}

// Comments inside plain expressions (no call, no '=') are read too: the walk does not skip
// them.
export const limits = {
  maxCalls: 10,
  // expect: unused-suppression "matches no finding"
  // txlint-ignore tenant-filter -- nothing to suppress here
  maxLogs: 20,
};

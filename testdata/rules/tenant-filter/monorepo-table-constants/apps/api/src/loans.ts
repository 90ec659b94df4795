import { createClient } from '@supabase/supabase-js';
import { TABLES, SCRATCH } from '@acme/db/tables';
import { AUDIT_TABLE } from '@acme/db';
import * as db from '@acme/db';
import { PAYMENTS_TABLE, RATES } from '@acme/names';
import { TABLES as OTHER } from '@acme/unknown';

const supabase = createClient('url', 'key');

export async function closeLoan(id: string) {
  // Global tables (no tenant column) named through the shared constants: nothing to scope.
  await supabase.from(TABLES.CURRENCIES).update({ rate: 1 }).eq('code', id);
  await supabase.from(db.TABLES.CURRENCIES).delete().eq('code', id);
  await supabase.from(RATES).update({ rate: 2 }).eq('code', id);

  // Tenant tables named the same way.
  await supabase.from(TABLES.LOANS).update({ closed: true }).eq('id', id); // expect: tenant-filter "update on 'loans'"
  await supabase.from(db.TABLES.LOANS).delete().eq('id', id); // expect: tenant-filter "delete on 'loans'"
  await supabase.from(AUDIT_TABLE).delete().eq('id', id); // expect: tenant-filter "'audit_entries'"
  await supabase.from(PAYMENTS_TABLE).update({ paid: true }).eq('id', id); // expect: tenant-filter "'payments'"

  // Not resolvable: a member the constant lacks, a `let`, a package outside the repository.
  await supabase.from(TABLES.MISSING).delete().eq('id', id); // expect: tenant-filter "'<unknown>'"
  await supabase.from(SCRATCH).delete().eq('code', id); // expect: tenant-filter "'<unknown>'"
  await supabase.from(OTHER.CURRENCIES).delete().eq('code', id); // expect: tenant-filter "'<unknown>'"
}

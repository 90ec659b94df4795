import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

enum Table {
  Invoices = 'invoices',
  Batches = 3,
  Plain,
}

export async function purge(id: string) {
  await supabase.from(Table.Invoices).delete().eq('id', id); // expect: tenant-filter "delete on 'invoices'"
  await supabase.from(Table.Batches).delete().eq('id', id); // expect: tenant-filter "'<unknown>'"
  await supabase.from(Table.Plain).delete().eq('id', id); // expect: tenant-filter "'<unknown>'"
}

// A file cut off inside a nameless default class (an editor's unsaved buffer, a bad merge):
// what came before the cut is still checked, and so is the member the cut fell in.
import { createClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!);

export async function closeAll(ids: string[]) {
  for (const id of ids) await supabase.from('calls').update({ open: false }).eq('id', id); // expect: tenant-filter
}

export default class {
  async close(id: string, orgId: string) {
    await supabase.from('calls').update({ open: false }).eq('id', id).eq('org_id', orgId);
  }

  async purge(id: string) {
    await supabase.from('calls').delete().eq('id', id); // expect: tenant-filter

import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function bulk(ids: string[], orgId: string) {
  await Promise.all(
    ids.map((id) => supabase.from('messages').update({ read: true }).eq('id', id)), // expect: tenant-filter
  );
  for (const id of ids) {
    await supabase.from('messages').delete().eq('id', id).eq('org_id', orgId);
    await supabase.from('messages').delete().eq('id', id).throwOnError(); // expect: tenant-filter
  }
}

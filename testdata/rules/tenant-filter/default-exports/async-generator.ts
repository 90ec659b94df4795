import { supabase } from './client';

export default async function* (ids: string[], orgId: string) {
  for (const id of ids) {
    yield await supabase.from('calls').delete().eq('id', id).eq('org_id', orgId);
  }
}

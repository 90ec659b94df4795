import { supabase } from './client';

export default function* (ids: string[]) {
  for (const id of ids) {
    yield supabase.from('calls').delete().eq('id', id); // expect: tenant-filter
  }
}

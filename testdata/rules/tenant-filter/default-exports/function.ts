// A nameless default function handler.
import { supabase } from './client';

export default function (req: { query: { id: string } }) {
  return supabase.from('calls').delete().eq('id', req.query.id); // expect: tenant-filter
}

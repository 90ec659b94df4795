import { createClient } from '@supabase/supabase-js';
import { archiveTicket, tagTicket } from '../lib/archive';

const admin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);

export async function closeTicket(id: string) {
  await archiveTicket(admin, id);
  // Not a client: the helper's write on it is no Supabase chain.
  await tagTicket({ from: () => null }, id);
}

import { createClient } from '@supabase/supabase-js';

export const db = createClient(process.env.URL!, process.env.KEY!);

export function getAdmin() {
  return createClient(process.env.URL!, process.env.SERVICE_KEY!);
}

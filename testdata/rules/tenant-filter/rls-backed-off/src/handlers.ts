import { createRouteHandlerClient } from '@supabase/auth-helpers-nextjs';
import { createClient } from '@supabase/supabase-js';
import { cookies } from 'next/headers';

// With rls_backed off, a user-session write held by a tenant policy is not reported at all.
export async function rename(id: string, name: string) {
  const supabase = createRouteHandlerClient({ cookies });
  await supabase.from('boards').update({ name }).eq('id', id);
}

// The service role still is.
const admin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
export async function purge(id: string) {
  await admin.from('boards').delete().eq('id', id); // expect: tenant-filter error "service-role"
}

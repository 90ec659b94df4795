import { createClient } from '@supabase/supabase-js';

const key = process.env.SUPABASE_SERVICE_ROLE_KEY!;

// Admin client: the key is read into a variable first, under a neutral name.
export const adminClient = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, key);

// The key says nothing, the options are an admin client's.
export const jobsClient = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.JOBS_KEY!, {
  auth: { persistSession: false, autoRefreshToken: false },
});

// A factory that makes a fresh admin client, the key named inline.
export function getServiceSupabase() {
  return createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SECRET_KEY!);
}

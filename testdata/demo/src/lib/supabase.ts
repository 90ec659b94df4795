import { createClient, type SupabaseClient } from '@supabase/supabase-js';

// Service-role client: bypasses row-level security, so every query must scope the tenant.
export const supabaseAdmin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);

export function getServiceClient(): SupabaseClient {
  return supabaseAdmin;
}

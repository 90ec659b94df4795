import { createClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);

export function payments() {
  return supabase.from('payments'); // related: tenant-filter "the builder 'payments' returns"
}

export const paymentsOf = (orgId: string) => supabase.from('payments').select('*').eq('org_id', orgId);

// Two builders: which one the caller continues is not known, so it is not judged.
export function either(archived: boolean) {
  if (archived) return supabase.from('archived_payments');
  return supabase.from('payments');
}

export const paymentRows = () => supabase.from('payments'); // related: tenant-filter "the builder 'paymentRows' returns"

import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');

export async function editNote(id: string) {
  await supabase.from('account_notes').update({ body: '' }).eq('id', id);
}

export async function editAccountNote(id: string, accountId: string) {
  await supabase.from('account_notes').update({ body: '' }).eq('id', id).eq('account_id', accountId);
}

// accounts is only referenced, so it is checked like an undefined table, not skipped as a root
export async function resetCount(accountId: string) {
  await supabase.from('accounts').update({ notes_count: 0 }).eq('id', accountId);
}

export async function resetTenantCount(accountId: string, tenantId: string) {
  await supabase.from('accounts').update({ notes_count: 0 }).eq('id', accountId).eq('tenant_id', tenantId);
}

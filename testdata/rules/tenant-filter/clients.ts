import { createServerClient } from '@supabase/ssr';
import { createRouteHandlerClient } from '@supabase/auth-helpers-nextjs';
import type { SupabaseClient } from '@supabase/supabase-js';

export async function serverClient(id: string) {
  const supabase = createServerClient('url', 'key', { cookies: {} as never });
  await supabase.from('leads').delete().eq('id', id); // expect: tenant-filter
}

export async function routeClient(id: string) {
  const client = createRouteHandlerClient({ cookies: () => null as never });
  await client.from('leads').delete().eq('id', id); // expect: tenant-filter
}

export async function typedParameter(db: SupabaseClient, id: string) {
  await db.from('leads').update({ hot: true }).eq('id', id); // expect: tenant-filter
}

export async function optionalChaining(db: SupabaseClient | undefined, id: string) {
  await db?.from('leads').update({ hot: true }).eq('id', id); // expect: tenant-filter
}

export async function schemaChosen(db: SupabaseClient, id: string, orgId: string) {
  await db.schema('crm').from('leads').delete().eq('id', id); // expect: tenant-filter
  await db.schema('crm').from('leads').delete().eq('id', id).eq('org_id', orgId);
}

export async function contextClient(ctx: { supabase: SupabaseClient }, id: string) {
  await ctx.supabase.from('leads').delete().eq('id', id); // expect: tenant-filter
}

export async function notAwaitedDirectly(db: SupabaseClient, id: string) {
  const { error } = await (db.from('leads').delete().eq('id', id)); // expect: tenant-filter
  return error;
}

// A client handed over by a plain assignment statement (no call in it).
let shared: unknown;
const adminClient = supabase;
export async function assignedLater(id: string) {
  shared = adminClient;
  await (shared as typeof adminClient).from('leads').delete().eq('id', id); // expect: tenant-filter
}

import { createBrowserClient } from '@supabase/ssr';

const db = createBrowserClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);

export async function annotate(id: string, notes: string) {
  await db.from('visits').update({ notes }).eq('id', id);
}

export async function remove(id: string) {
  await db.from('visits').delete().eq('id', id);
}

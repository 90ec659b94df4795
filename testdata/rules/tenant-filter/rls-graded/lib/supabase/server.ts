// The Next.js pattern: a per-request client carrying the user's cookies.
import { createServerClient } from '@supabase/ssr';
import { cookies } from 'next/headers';

export async function createClient() {
  const jar = await cookies();
  return createServerClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!, {
    cookies: {
      getAll() {
        return jar.getAll();
      },
      setAll(list: { name: string; value: string }[]) {
        list.forEach((c) => jar.set(c.name, c.value));
      },
    },
  });
}

import { createClient } from '@supabase/supabase-js';
import { withValidation, withRetry } from '../../lib/middleware';

const db = createClient('url', 'key');
const schema = { parse: (v: unknown) => v };

// The handler inside serve(withValidation(...)) is analysed as a handler.
// expect: non-atomic-writes "'<anonymous>' makes 2 separate writes (insert 'users', insert 'profiles')"
Deno.serve(withValidation(schema, async (req) => {
  const body = await req.json();
  await db.from('users').insert({ id: body.id }); // related: non-atomic-writes
  await db.from('profiles').insert({ user_id: body.id }); // related: non-atomic-writes
  return new Response('ok');
}));

// A callback run inline by a project helper stays part of the function that calls it.
// expect: non-atomic-writes "'seed' makes 2 separate writes (insert 'plans', insert 'prices')"
export async function seed() {
  await withRetry(async () => db.from('plans').insert({ id: 'free' })); // related: non-atomic-writes
  const { error } = await db.from('prices').insert({ plan: 'free' }); // related: non-atomic-writes
  if (error) throw error;
}

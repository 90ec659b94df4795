import { createClient } from '@supabase/supabase-js';
import knex from 'knex';

// An auth helper handing back the caller's user with clients beside it.
export async function requireAuth(req: Request) {
  const token = req.headers.get('authorization') ?? '';
  const service = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
  const { data } = await service.auth.getUser(token);
  return {
    user: data.user,
    service,
    scoped: createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!, {
      global: { headers: { Authorization: token } },
    }),
    jobs: knex({ client: 'pg' }),
  };
}

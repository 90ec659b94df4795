import { createClient } from '@supabase/supabase-js';
import { withAuth } from '../lib/middleware';

const db = createClient('url', 'key');

// export default withAuth(handler): the wrapper's body calls the handler.
// expect: non-atomic-writes "'<anonymous>' makes 2 separate writes (update 'accounts', delete 'sessions')"
export default withAuth(async (req, ctx) => {
  await db.from('accounts').update({ deleted: true }).eq('id', ctx.userId); // related: non-atomic-writes
  await db.from('sessions').delete().eq('user_id', ctx.userId); // related: non-atomic-writes
  return new Response(null, { status: 204 });
});

// One write per wrapped handler: nothing to report.
export const PATCH = withAuth(async (req, ctx) => {
  await db.from('accounts').update({ seen: true }).eq('id', ctx.userId);
  return new Response(null);
});

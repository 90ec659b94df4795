import { createClient } from '@supabase/supabase-js';
import { useCallback, useEffect } from 'react';

const db = createClient('url', 'key');
declare function withAuth<T>(handler: T): T;

// A component that registers handlers: each callback is its own function, run later, so the
// component itself sequences nothing.
export function TeamSettings({ orgId }: { orgId: string }) {
  const rename = useCallback(async (name: string) => {
    await db.from('teams').update({ name }).eq('org_id', orgId);
  }, [orgId]);

  const archive = useCallback(async () => {
    await db.from('teams').update({ archived: true }).eq('org_id', orgId);
  }, [orgId]);

  useEffect(() => {
    void db.from('team_views').insert({ org_id: orgId });
  }, [orgId]);

  setTimeout(async () => {
    await db.from('team_pings').insert({ org_id: orgId });
  }, 1000);

  // This click handler does run both, one after the other.
  return <button onClick={() => { void rename('x'); void archive(); }}>save</button>; // expect: non-atomic-writes "'<anonymous>' makes 2 separate writes (update 'teams' via rename, update 'teams' via archive)" // related: non-atomic-writes
}

// A callback that itself makes two writes is reported under the variable's name.
export const reset = useCallback(async (orgId: string) => { // expect: non-atomic-writes "'reset' makes 2 separate writes"
  await db.from('teams').delete().eq('org_id', orgId); // related: non-atomic-writes
  await db.from('team_members').delete().eq('org_id', orgId); // related: non-atomic-writes
}, []);

// A Next.js handler wrapped by an auth helper from a package.
export const POST = withAuth(async (req: Request) => { // expect: non-atomic-writes "'POST' makes 2 separate writes"
  const body = await req.json();
  await db.from('invites').insert({ org_id: body.orgId, email: body.email }); // related: non-atomic-writes
  await db.from('invite_counts').insert({ org_id: body.orgId, action: 'invite' }); // related: non-atomic-writes
  return new Response('ok');
});

// Array iteration runs the callback right away: its writes belong to the caller.
export async function importRows(rows: { orgId: string }[]) { // expect: non-atomic-writes "'importRows' makes 2 separate writes (insert 'imports' in a loop"
  rows.forEach(async (row) => {
    await db.from('imports').insert({ org_id: row.orgId }); // related: non-atomic-writes
  });
}

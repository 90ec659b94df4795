import { createClient } from 'npm:@supabase/supabase-js@2';

Deno.serve(async (req) => {
  const { id } = await req.json();
  // The anon key with the caller's Authorization header: the caller's rights.
  const supabase = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_ANON_KEY')!, {
    global: { headers: { Authorization: req.headers.get('Authorization')! } },
  });
  // expect: tenant-filter note "RLS policy 'tasks of my org'"
  await supabase.from('tasks').update({ done: true }).eq('id', id);
  const admin = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);
  // expect: tenant-filter error "service-role key"
  await admin.from('tasks').update({ done: false }).eq('id', id);
  return new Response('ok');
});

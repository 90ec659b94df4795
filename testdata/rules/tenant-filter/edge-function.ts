import { createClient } from 'jsr:@supabase/supabase-js@2';

Deno.serve(async (req) => {
  const supabase = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);
  const { id } = await req.json();
  const { error } = await supabase
    .from('invoices')
    .update({ paid: true }) // expect: tenant-filter
    .eq('id', id);
  return new Response(JSON.stringify({ ok: !error }));
});

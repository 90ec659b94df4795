import { supabase } from './client';

export default async (req: Request) => {
  const { id } = await req.json();
  await supabase.from('calls').delete().eq('id', id); // expect: tenant-filter
  return new Response(null, { status: 204 });
};

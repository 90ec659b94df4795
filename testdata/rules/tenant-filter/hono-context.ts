import { Hono } from 'hono';

const app = new Hono();

app.delete('/agents/:id', async (c) => {
  const supabase = c.get('supabase');
  await supabase.from('agents').delete().eq('id', c.req.param('id')); // expect: tenant-filter
  return c.body(null, 204);
});

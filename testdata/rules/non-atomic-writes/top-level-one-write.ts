// Clean: one write at the top level, and a route registered there whose handler writes once.
import { createClient } from '@supabase/supabase-js';
import express from 'express';

const db = createClient('url', 'key');
const app = express();

await db.from('settings').upsert({ key: 'version', value: '2' });

app.post('/orders', async (req, res) => {
  await db.from('orders').insert(req.body);
  res.sendStatus(201);
});

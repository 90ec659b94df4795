const express = require('express');
const { createClient } = require('@supabase/supabase-js');

const supabase = createClient(process.env.URL, process.env.KEY);
const router = express.Router();

router.post('/calls/:id/close', async (req, res) => {
  await supabase.from('calls').update({ open: false }).eq('id', req.params.id); // expect: tenant-filter
  res.sendStatus(204);
});

router.delete('/calls/:id', async (req, res) => {
  await supabase.from('calls').delete().eq('id', req.params.id).eq('org_id', req.user.orgId);
  res.sendStatus(204);
});

module.exports = router;

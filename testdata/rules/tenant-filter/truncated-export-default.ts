// Cut off right after `export default`.
import { createClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!);

const handlers = {
  async close(id: string) {
    await supabase.from('calls').update({ open: false }).eq('id', id); // expect: tenant-filter
  },
};

export default

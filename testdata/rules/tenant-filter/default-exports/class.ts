// `export default class` without a name: a Next.js-style service module.
import { supabase } from './client';

export default class {
  static {
    void supabase.from('calls').delete().eq('id', 'seed'); // expect: tenant-filter
  }

  async close(id: string) {
    await supabase.from('calls').update({ open: false }).eq('id', id); // expect: tenant-filter
  }

  async closeForOrg(id: string, orgId: string) {
    await supabase.from('calls').update({ open: false }).eq('id', id).eq('org_id', orgId);
  }
}

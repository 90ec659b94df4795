import { createClient, SupabaseClient } from '@supabase/supabase-js';

export class CallRepository {
  private readonly admin = createClient('url', 'service-key');

  constructor(private readonly db: SupabaseClient) {}

  async close(id: string) {
    await this.db.from('calls').update({ open: false }).eq('id', id); // expect: tenant-filter
  }

  async purge(id: string, orgId: string) {
    await this.admin.from('calls').delete().eq('id', id); // expect: tenant-filter
    await this.admin.from('calls').delete().eq('id', id).eq('org_id', orgId);
  }
}

export class Assigned {
  client: SupabaseClient | null = null;
  store: unknown;

  init() {
    this.store = createClient('url', 'key');
  }

  async drop(id: string) {
    await this.store.from('calls').delete().eq('id', id); // expect: tenant-filter
  }
}

// A repository whose methods hand out builders: the caller's chain starts here.
import { SupabaseClient } from '@supabase/supabase-js';

const TABLE = 'loans';

export class LoanRepository {
  constructor(private db: SupabaseClient) {}

  private query() {
    return this.db.from(TABLE); // related: tenant-filter "the builder 'LoanRepository.query' returns"
  }

  async close(id: string, v: { status: string }) {
    await this.query().update(v).eq('id', id); // expect: tenant-filter "update on 'loans' has no filter on 'org_id' (filters: id)"
  }

  async closeScoped(id: string, orgId: string) {
    await this.query().update({ status: 'closed' }).eq('id', id).eq('org_id', orgId);
  }

  async purge(id: string) {
    const { error } = await this.query().delete().eq('id', id); // expect: tenant-filter "delete on 'loans'"
    return error;
  }
}

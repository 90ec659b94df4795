import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../database/database.service';

@Injectable()
export class InvoicesService {
  constructor(private readonly db: DatabaseService) {}

  async void(id: string) {
    const client = this.db.getAdminClient();
    await client.from('invoices').update({ status: 'void' }).eq('id', id); // expect: tenant-filter "service-role key"
  }

  async voidScoped(id: string, orgId: string) {
    const client = this.db.getAdminClient();
    await client.from('invoices').update({ status: 'void' }).eq('id', id).eq('org_id', orgId);
  }

  async purge(id: string) {
    await this.db.fresh().from('invoices').delete().eq('id', id); // expect: tenant-filter "service-role key"
  }

  async hide(id: string) {
    // expect: tenant-filter
    await this.db.anon.from('invoices').update({ hidden: true }).eq('id', id);
  }

  async rollup(id: string) {
    await this.db.reporting().from('invoices').update({ rolled: true }).eq('id', id);
  }
}

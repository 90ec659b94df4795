import { Injectable } from '@nestjs/common';
import { DbService } from '../db/db.service';

@Injectable()
export class OrdersService {
  constructor(private readonly db: DbService) {}

  async place(orgId: string, lines: string[]) { // expect: non-atomic-writes "insert 'orders', insert 'order_lines'"
    const client = this.db.getAdmin();
    await client.from('orders').insert({ org_id: orgId }); // related: non-atomic-writes "write 1"
    await this.db.client.from('order_lines').insert(lines.map((l) => ({ org_id: orgId, l }))); // related: non-atomic-writes "write 2"
  }

  async forget(orgId: string) {
    const cache = this.db.cache();
    await cache.from('orders').delete().eq('org_id', orgId);
    await this.db.cache().from('order_lines').delete().eq('org_id', orgId);
  }
}

import saveInvoice from './store';
import { createClient } from '@supabase/supabase-js';

const db = createClient('url', 'key');

export class BillingService {
  private async markPaid(orgId: string) {
    await db.from('accounts').update({ paid: true }).eq('org_id', orgId);
  }

  // A default import and a method called through `this`.
  async charge(orgId: string, total: number) { // expect: non-atomic-writes "insert 'invoices' via saveInvoice, update 'accounts' via markPaid"
    await saveInvoice(orgId, total); // related: non-atomic-writes
    await this.markPaid(orgId); // related: non-atomic-writes
  }
}

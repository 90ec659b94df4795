import { either, paymentRows, payments } from '../repo/tables';

export async function refund(id: string, orgId: string) {
  await payments().update({ amount: 0 }).eq('id', id); // expect: tenant-filter "update on 'payments' has no filter on 'org_id' (filters: id); the client uses the service-role key"
  await payments().update({ amount: 0 }).eq('id', id).eq('org_id', orgId);
  await payments().delete().match({ id, org_id: orgId });
  await either(true).delete().eq('id', id);
  await paymentRows().delete().eq('id', id); // expect: tenant-filter "delete on 'payments' has no filter on 'org_id' (filters: id)"
  await paymentRows().delete().eq('id', id).eq('org_id', orgId);
  await unknownHelper().update({ amount: 0 }).eq('id', id); // not a project function: not a query we know
}

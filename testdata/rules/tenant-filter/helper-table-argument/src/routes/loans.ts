import { archive, removeScoped, softDelete, softDeleteScoped } from '../lib/rows';

const TABLE = 'borrowers';

export async function archiveLoan(id: string, orgId: string) {
  await softDelete('loans', id); // expect: tenant-filter "update on 'loans' has no filter on 'organization_id' (filters: id); the update is made by 'softDelete', called here; the client uses the service-role key, so RLS does not apply"
  await softDelete(TABLE, id); // expect: tenant-filter "update on 'borrowers'"
  await softDelete('currencies', 'usd'); // a global table: nothing to scope
  await softDeleteScoped('loans', id, 'organization_id', orgId);
  await softDeleteScoped('loans', id, 'id', orgId); // expect: tenant-filter "update on 'loans' has no filter on 'organization_id' (filters: id, id)"
  await removeScoped('loans', id, orgId);
  await archive('borrowers', id); // expect: tenant-filter "delete on 'borrowers' has no filter on 'organization_id' (filters: id); the delete is made by 'archive'"
}

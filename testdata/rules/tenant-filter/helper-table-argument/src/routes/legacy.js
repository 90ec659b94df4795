import { purge } from '../lib/legacy';

export async function cleanup(id) {
  await purge('borrowers', id); // expect: tenant-filter "delete on 'borrowers' has no filter on 'organization_id' (filters: id); the delete is made by 'purge', called here"
}

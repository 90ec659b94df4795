import { createClient } from '@supabase/supabase-js';
import type { Database } from './types/supabase';

const supabase = createClient<Database>('url', 'key');

export async function closeDispatch(orgId: number, id: string) {
  // a table known only from the generated types, its tenant column from Row and Relationships
  await supabase.from('dispatches').update({ status: 'closed' }).eq('id', id); // expect: tenant-filter "no filter on 'org_id' (filters: id)"
  await supabase.from('dispatches').update({ status: 'closed' }).eq('org_id', orgId).eq('id', id);
}

export async function renamePlan(orgId: number, id: string, label: string) {
  // Relationships make owning_org the tenant column although it is named like none
  await supabase.from('route_plans').update({ label }).eq('id', id); // expect: tenant-filter "no filter on 'owning_org'"
  await supabase.from('route_plans').update({ label }).eq('owning_org', orgId).eq('id', id);
  await supabase.from('route_plans').delete().eq('org_id', orgId); // expect: tenant-filter "no filter on 'owning_org' (filters: org_id)"
}

export async function renameOrg(id: number, name: string) {
  // the tenant root, although it has a column named org_id
  await supabase.from('organizations').update({ name }).eq('org_id', id).eq('name', 'x');
  await supabase.from('organizations').delete().eq('name', name);
  // a table with no tenant column
  await supabase.from('app_settings').update({ value: 1 }).eq('key', 'x');
}

export async function retire(orgId: string, id: string) {
  // a schema other than public
  await supabase.schema('fleet').from('vehicles').delete().eq('id', id); // expect: tenant-filter "delete on 'vehicles' has no filter on 'org_id'"
  await supabase.schema('fleet').from('vehicles').delete().eq('org_id', orgId).eq('id', id);
}

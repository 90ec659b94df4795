// Helpers that receive a builder, add filters and hand it back.
export function tenantScope(q: any, orgId: string) {
  return q.eq('org_id', orgId);
}

// Scopes by the id only, whatever its name says.
export function byId(q: any, id: string) {
  return q.eq('id', id); // related: tenant-filter "the builder 'byId' returns or the filters it adds"
}

export function maybeScoped(q: any, orgId?: string) {
  if (orgId) return q.eq('org_id', orgId); // related: tenant-filter "filters it adds"
  return q;
}

export function scopeBy(q: any, column: string, value: string) {
  return q.eq(column, value); // related: tenant-filter "the builder 'scopeBy' returns"
}

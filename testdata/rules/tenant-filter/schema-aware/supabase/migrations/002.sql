-- tags becomes tenant-scoped in a later migration.
alter table public.tags add column org_id uuid;

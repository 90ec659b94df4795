-- The migrations define calls with tenant_id; the committed types (below) are out of step and
-- list an org_id too. The migration wins: org_id is not a column of calls.
create table public.tenants (id uuid primary key, name text not null);
create table public.calls (
  id uuid primary key,
  tenant_id uuid not null references public.tenants (id),
  status text not null
);

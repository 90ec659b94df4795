create table public.tenants (id uuid primary key, name text);
-- accounts belong to a tenant: a tenant table, not a second root.
create table public.accounts (
  id uuid primary key,
  tenant_id uuid not null references public.tenants (id)
);
create table public.bills (
  id uuid primary key,
  tenant_id uuid not null references public.tenants (id),
  account_id uuid not null references public.accounts (id),
  total numeric
);

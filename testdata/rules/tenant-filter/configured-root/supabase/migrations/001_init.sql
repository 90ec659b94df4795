-- Inferred alone, organizations would be the root (businesses.org_id references it) and
-- orders, scoped by its shop, no tenant table. tenant_root says otherwise.
create table public.organizations (org_id serial primary key, name text);
create table public.businesses (
  id uuid primary key,
  org_id int not null references public.organizations (org_id),
  name text
);
create table public.orders (
  id uuid primary key,
  shop uuid not null references public.businesses (id),
  total int
);
create table public.invoices (id uuid primary key, org_id int, amount int);

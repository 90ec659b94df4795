create table public.organizations (id uuid primary key, name text);
create table public.invoices (id uuid primary key, org_id uuid not null references organizations (id), paid boolean);

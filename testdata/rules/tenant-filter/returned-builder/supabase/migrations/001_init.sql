create table public.organizations (id uuid primary key, name text);
create table public.loans (id uuid primary key, org_id uuid not null references organizations (id), status text);
create table public.payments (id uuid primary key, org_id uuid not null references organizations (id), amount numeric);

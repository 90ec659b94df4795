create table public.organizations (id uuid primary key);
create table public.calls (id uuid primary key, org_id uuid not null references public.organizations (id));

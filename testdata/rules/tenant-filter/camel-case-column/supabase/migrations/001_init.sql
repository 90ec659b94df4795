create table public.organizations (id uuid primary key);
create table public.projects (id uuid primary key, "orgId" uuid not null, name text);

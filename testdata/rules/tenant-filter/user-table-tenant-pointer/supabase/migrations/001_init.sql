create table public.organisations (id uuid primary key, name text);
create table public.lessons (id uuid primary key, org_id uuid not null references public.organisations (id));
-- the organisation a user last switched to: a pointer, not the row's owner
create table public.profiles (id uuid primary key references auth.users (id), full_name text,
  current_org_id uuid references public.organisations (id));
-- a profile table under another name (its key references auth.users), with a tenant-named column
create table public.staff_accounts (id uuid primary key references auth.users (id),
  active_org uuid references public.organisations (id), org_id uuid references public.organisations (id));
-- not a user table: a reference to the root under another name is its tenant column
create table public.invoices (id uuid primary key, billing_org uuid references public.organisations (id));

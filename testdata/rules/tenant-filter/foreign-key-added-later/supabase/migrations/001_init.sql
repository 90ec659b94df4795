create table public.organizations (id uuid primary key, name text);
create table public.chores (id uuid primary key, org_id uuid not null references public.organizations);
create table public.reports (id uuid primary key, owner_org uuid, body text);
create table public.memos (id uuid primary key, org_ref uuid references public.organizations (id));
create table public.drafts (id uuid primary key, body text);

create table public.organizations (id uuid primary key, name text);
create table public.feature_flags (name text primary key, enabled boolean);
create table public.calls (id uuid primary key, org_id uuid not null);
create table public.tags (id uuid primary key, label text);

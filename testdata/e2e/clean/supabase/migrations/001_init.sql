create table public.tasks (
  id uuid primary key,
  workspace_id uuid not null,
  title text not null
);
create table public.feature_flags (name text primary key, enabled boolean not null);

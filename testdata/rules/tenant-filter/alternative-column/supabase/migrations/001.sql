create table public.docs (id uuid primary key, workspace_id uuid not null);

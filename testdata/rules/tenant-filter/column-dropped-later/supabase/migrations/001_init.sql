create table public.workspaces (id uuid primary key);
create table public.pages (id uuid primary key, workspace_id uuid not null references public.workspaces (id));
create table public.templates (id uuid primary key, workspace_id uuid, owner_ws uuid references public.workspaces (id));
create table public.old_boards (id uuid primary key, workspace_id uuid);

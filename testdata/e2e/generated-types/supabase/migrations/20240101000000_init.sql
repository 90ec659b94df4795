-- The migrations hold part of the schema; the rest was made in the dashboard and is known
-- from the committed generated types (src/types/supabase.ts).
create table public.workspaces (id uuid primary key, name text not null);
create table public.projects (
  id uuid primary key,
  workspace_id uuid not null references public.workspaces (id),
  title text not null
);
alter table public.projects enable row level security;
create policy "members edit projects" on public.projects for update
  using (workspace_id in (select workspace_id from public.memberships where user_id = auth.uid()));
-- a policy on a table the dashboard made
create policy "members read tasks" on public.tasks for select
  using (space in (select workspace_id from public.memberships where user_id = auth.uid()));

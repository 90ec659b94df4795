create table public.teams (id uuid primary key);
create table public.team_members (
  team_id uuid not null references public.teams (id),
  user_id uuid not null
);
create function public.on_team(t uuid) returns boolean
language sql stable security definer set search_path = public as $$
  select exists (select 1 from team_members where team_id = t and user_id = auth.uid())
$$;

-- Permissive USING (true), but a restrictive policy keeps rows in the caller's team.
create table public.sprints (id uuid primary key, team_id uuid not null references public.teams (id), goal text);
alter table public.sprints enable row level security;
create policy sprints_any on public.sprints for update using (true);
create policy sprints_team on public.sprints as restrictive for update using (public.on_team(team_id));

-- The scoped policy is only for the service role; the caller (authenticated) has none.
create table public.issues (id uuid primary key, team_id uuid not null references public.teams (id), title text);
alter table public.issues enable row level security;
create policy issues_jobs on public.issues for delete to service_role using (public.on_team(team_id));

-- The tenant only in WITH CHECK of an ALL policy: every row is reached.
create table public.epics (id uuid primary key, team_id uuid not null references public.teams (id), title text);
alter table public.epics enable row level security;
create policy epics_all on public.epics for all to authenticated
  using (auth.uid() is not null) with check (public.on_team(team_id));

create function public.plan(p_id uuid) returns void
language plpgsql security invoker as $$
begin
  -- expect: sql-tenant-filter note "RLS policy 'sprints_team' scopes the rows"
  update public.sprints set goal = 'ship' where id = p_id;
  -- expect: sql-tenant-filter error "DELETE policy 'issues_jobs' is only for service_role, not a user session"
  delete from public.issues where id = p_id;
  -- expect: sql-tenant-filter error "RLS policy 'epics_all' allows the UPDATE without constraining 'team_id' in USING"
  update public.epics set title = 'x' where id = p_id;
end;
$$;

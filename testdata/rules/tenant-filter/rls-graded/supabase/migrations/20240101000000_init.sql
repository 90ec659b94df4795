create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null
);

create table public.memberships (
  org_id uuid not null references public.organizations (id),
  user_id uuid not null references auth.users (id),
  role text not null default 'member',
  primary key (org_id, user_id)
);

create or replace function public.is_member(target uuid) returns boolean
language sql stable security definer set search_path = public as $$
  select exists (select 1 from memberships where org_id = target and user_id = auth.uid())
$$;

-- Updates are scoped through a membership subquery, deletes through the helper.
create table public.projects (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id),
  title text
);
alter table public.projects enable row level security;
create policy "members update projects" on public.projects for update
  using (org_id in (select m.org_id from public.memberships m where m.user_id = auth.uid()));
create policy "members delete projects" on public.projects for delete
  using (public.is_member(org_id));

-- Only INSERT is covered: an update is not held by any policy.
create table public.invoices (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id),
  amount_cents integer not null
);
alter table public.invoices enable row level security;
create policy "members add invoices" on public.invoices for insert
  with check (public.is_member(org_id));

-- No RLS at all.
create table public.activity (
  id bigserial primary key,
  org_id uuid not null references public.organizations (id),
  body text
);

-- One policy for every command, from a JWT claim.
create table public.tasks (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id),
  done boolean not null default false
);
alter table public.tasks enable row level security;
create policy "tasks of my org" on public.tasks for all
  using (org_id = ((auth.jwt() -> 'app_metadata' ->> 'org_id'))::uuid);

-- RLS on, but the policy does not look at the tenant column.
create table public.notes (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id),
  author uuid not null,
  body text
);
alter table public.notes enable row level security;
create policy "authors edit notes" on public.notes for update using (author = auth.uid());

-- Two policies for UPDATE: the second lets staff past the tenant.
create table public.labels (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id),
  name text
);
alter table public.labels enable row level security;
create policy "members edit labels" on public.labels for update using (public.is_member(org_id));
create policy "staff edit any label" on public.labels for update
  using (exists (select 1 from public.staff where staff.user_id = auth.uid()));

-- A policy dropped by a later migration no longer guards anything.
create table public.reports (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id),
  body text
);
alter table public.reports enable row level security;
create policy "members edit reports" on public.reports for update using (public.is_member(org_id));

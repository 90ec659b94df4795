create table public.organizations (id uuid primary key default gen_random_uuid(), name text);
create table public.members (
  org_id uuid not null references public.organizations (id),
  user_id uuid not null references auth.users (id),
  primary key (org_id, user_id)
);
create function public.in_org(o uuid) returns boolean
language sql stable security definer set search_path = public as $$
  select exists (select 1 from members where org_id = o and user_id = auth.uid())
$$;

-- USING (true): any row is reached; the tenant is checked only on the row written.
create table public.boards (id uuid primary key, org_id uuid not null references public.organizations (id), title text);
alter table public.boards enable row level security;
create policy "boards check" on public.boards for update using (true) with check (public.in_org(org_id));

-- WITH CHECK alone: the policy has no USING, so it reaches no row (PostgreSQL's default deny).
create table public.cards (id uuid primary key, org_id uuid not null references public.organizations (id), body text);
alter table public.cards enable row level security;
create policy "cards check only" on public.cards for update with check (public.in_org(org_id));

-- The unscoped policy is for the service role only; users are held by the scoped one.
create table public.lanes (id uuid primary key, org_id uuid not null references public.organizations (id), name text);
alter table public.lanes enable row level security;
create policy "service edits lanes" on public.lanes for all to service_role using (true);
create policy "members edit lanes" on public.lanes for update to authenticated using (public.in_org(org_id));
create policy "anon removes lanes" on public.lanes for delete to anon using (true);
create policy "members remove lanes" on public.lanes for delete to authenticated using (public.in_org(org_id));

-- The only scoped policy is for other roles: a signed-in user has none.
create table public.tags (id uuid primary key, org_id uuid not null references public.organizations (id), label text);
alter table public.tags enable row level security;
create policy "workers edit tags" on public.tags for update to service_role, anon using (public.in_org(org_id));

-- A restrictive policy on the tenant holds whatever the permissive ones allow.
create table public.files (id uuid primary key, org_id uuid not null references public.organizations (id), path text);
alter table public.files enable row level security;
create policy "anyone edits files" on public.files for update using (true);
create policy "files stay in the org" on public.files as restrictive for update to authenticated
  using (public.in_org(org_id));

-- A restrictive policy that ignores the tenant: the permissive USING (true) decides.
create table public.links (id uuid primary key, org_id uuid not null references public.organizations (id), url text);
alter table public.links enable row level security;
create policy "signed in only" on public.links as restrictive for delete using (auth.uid() is not null);
create policy "anyone removes links" on public.links for delete using (true);

-- Restrictive alone: no permissive policy, so no row is reached.
create table public.pins (id uuid primary key, org_id uuid not null references public.organizations (id), x int);
alter table public.pins enable row level security;
create policy "pins in org" on public.pins as restrictive for update using (public.in_org(org_id));

-- Changed later (20240201000000_changes.sql).
create table public.sheets (id uuid primary key, org_id uuid not null references public.organizations (id), body text);
alter table public.sheets enable row level security;
create policy "members edit sheets" on public.sheets for update using (public.in_org(org_id));
create table public.docs (id uuid primary key, org_id uuid not null references public.organizations (id), body text);
alter table public.docs enable row level security;
create policy "members edit docs" on public.docs for update using (public.in_org(org_id));
create table public.notes (id uuid primary key, org_id uuid not null references public.organizations (id), body text);
alter table public.notes enable row level security;
create policy "members edit notes" on public.notes for update using (public.in_org(org_id));
create table public.old_pages (id uuid primary key, org_id uuid not null references public.organizations (id), body text);
alter table public.old_pages enable row level security;
create policy "members edit pages" on public.old_pages for delete using (public.in_org(org_id));
create table public.drafts (id uuid primary key, org_id uuid not null references public.organizations (id), body text);
alter table public.drafts enable row level security;
create policy "members edit drafts" on public.drafts for delete using (public.in_org(org_id));
create table public.forced (id uuid primary key, org_id uuid not null references public.organizations (id), body text);
alter table public.forced force row level security;
create policy "members edit forced" on public.forced for update using (public.in_org(org_id));

create table public.groups (id uuid primary key, name text);
create table public.clinics (
  id uuid primary key,
  group_id uuid not null references public.groups (id),
  name text
);
create table public.clinic_staff (
  clinic_id uuid not null references public.clinics (id),
  user_id uuid not null references auth.users (id)
);
create function public.works_at(c uuid) returns boolean
language sql stable security definer set search_path = public as $$
  select exists (select 1 from clinic_staff where clinic_id = c and user_id = auth.uid())
$$;
create table public.visits (
  id uuid primary key,
  clinic uuid not null references public.clinics (id),
  notes text
);
alter table public.visits enable row level security;
create policy "staff read visits" on public.visits for select to authenticated
  using (public.works_at(clinic));
create policy "staff edit visits" on public.visits for update
  using (true) with check (public.works_at(clinic));
create policy "visits stay in the clinic" on public.visits as restrictive for update
  to authenticated using (public.works_at(clinic));
create policy "staff add visits" on public.visits for insert to authenticated
  with check (public.works_at(clinic));
create policy "jobs prune visits" on public.visits for delete to service_role using (true);

-- No membership-named table: the policies show which table scopes rows.
create table public.clinics (id uuid primary key, name text);
create table public.staff (
  auth_uid uuid not null,
  clinic_id uuid not null references public.clinics (id)
);
create table public.visits (
  id uuid primary key,
  clinic_ref uuid not null references public.clinics (id),
  remarks text
);
alter table public.visits enable row level security;
create policy "staff see their clinic's visits" on public.visits for select
  using (clinic_ref in (select clinic_id from public.staff where auth_uid = auth.uid()));
create policy "staff edit their clinic's visits" on public.visits for update
  using (clinic_ref in (select clinic_id from public.staff where auth_uid = auth.uid()));
-- a look-alike: referenced by a NOT NULL key, never used by a policy
create table public.rooms (id uuid primary key, label text);
create table public.beds (id uuid primary key, room_id uuid not null references public.rooms (id));

-- A project whose tenant is a "studio": found through the membership table and policies.
create table public.studios (id uuid primary key default gen_random_uuid(), name text not null);
create table public.studio_members (
  studio_id uuid not null references public.studios (id) on delete cascade,
  user_id uuid not null references auth.users (id),
  role text not null default 'member',
  primary key (studio_id, user_id)
);
create table public.classes (
  id uuid primary key,
  studio_id uuid not null references public.studios (id),
  title text
);
create table public.plans (id text primary key, price int);
alter table public.classes enable row level security;
create policy "members read classes" on public.classes for select
  using (studio_id in (select studio_id from public.studio_members where user_id = auth.uid()));
create policy "members write classes" on public.classes for all
  using (studio_id in (select studio_id from public.studio_members where user_id = auth.uid()));

create table public.studios (id uuid primary key, name text);
create table public.classes (
  id uuid primary key,
  studio_id uuid not null references public.studios (id),
  org_id uuid
);
create table public.rentals (id uuid primary key, venue uuid not null references public.studios (id));
create table public.lessons (id uuid primary key, org_id uuid);

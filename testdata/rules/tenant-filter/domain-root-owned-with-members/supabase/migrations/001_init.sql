-- Every studio has one owner, and a membership table: still the tenant root.
create table public.studios (
  id uuid primary key,
  owner_id uuid not null references auth.users (id),
  name text
);
create table public.studio_members (
  studio_id uuid not null references public.studios (id),
  user_id uuid not null references auth.users (id)
);
create table public.lessons (
  id uuid primary key,
  studio uuid not null references public.studios (id),
  topic text
);

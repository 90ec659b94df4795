-- The tenant root's own serial key is called org_id: the root is not tenant-scoped.
create table public.organizations (org_id serial primary key, name text not null);
create table public.members (
  org_id int not null references public.organizations (org_id),
  user_id uuid not null references auth.users (id)
);
create table public.projects (
  id uuid primary key,
  org_id int not null references public.organizations (org_id),
  title text
);

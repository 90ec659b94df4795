create table public.contacts (
  id uuid primary key,
  phone text
);

-- No column is named like a tenant column: the root is the table the membership table pairs
-- with users.
create table public.businesses (id uuid primary key, name text);
create table public.business_members (
  user_id uuid not null references auth.users (id),
  business_id uuid not null references public.businesses (id)
);
create table public.bookings (
  id uuid primary key,
  business_id uuid not null references public.businesses (id),
  starts_at timestamptz
);
-- a look-alike: referenced by a NOT NULL key, but no membership table or policy uses it
create table public.colors (id uuid primary key, hex text);
create table public.themes (id uuid primary key, color_id uuid not null references public.colors (id));
create table public.badges (id uuid primary key, color_id uuid not null references public.colors (id));

-- No tenant at all: three shapes that look like a domain root to the scoring but are not.
-- 1. a user's own resource, shared through a collaborators table
create table public.journeys (
  id uuid primary key,
  user_id uuid not null references auth.users (id),
  title text
);
create table public.journey_guests (
  journey_id uuid not null references public.journeys (id),
  guest uuid not null references auth.users (id)
);
create table public.stops (
  id uuid primary key,
  journey_id uuid not null references public.journeys (id),
  place text
);
alter table public.stops enable row level security;
create policy "guests see stops" on public.stops for select
  using (journey_id in (select journey_id from public.journey_guests where guest = auth.uid()));
create policy "guests edit stops" on public.stops for update
  using (journey_id in (select journey_id from public.journey_guests where guest = auth.uid()));
-- 2. a catalog the joined table points at (purchases.tier_id), not the policy's own table;
--    purchases itself is a user's own (user_id not null)
create table public.tiers (id text primary key, price int);
create table public.purchases (
  id uuid primary key,
  user_id uuid not null,
  tier_id text references public.tiers (id)
);
create table public.receipts (
  id uuid primary key,
  purchase_id uuid references public.purchases (id),
  total int
);
create policy "buyers see receipts" on public.receipts for select
  using (exists (select 1 from public.purchases p where p.id = purchase_id and p.user_id = auth.uid()));
create policy "buyers see receipts again" on public.receipts for select
  using (exists (select 1 from public.purchases p where p.id = receipts.purchase_id and p.user_id = auth.uid()));
-- 3. rows visible by their parent's state: no function asks who the user is
create table public.scans (id uuid primary key, state text);
create table public.scan_hits (
  id uuid primary key,
  scan_ref uuid references public.scans (id),
  detail text
);
create policy "finished scans" on public.scan_hits for select
  using (exists (select 1 from public.scans s where s.id = scan_hits.scan_ref and s.state = 'done'));
create policy "finished scans too" on public.scan_hits for select
  using (scan_ref in (select id from public.scans where state = 'done'));
create policy "finished scans three" on public.scan_hits for select
  using (scan_ref in (select id from public.scans where state = 'final'));

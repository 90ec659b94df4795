create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null
);

create table public.plans (
  id text primary key,
  monthly_price_cents integer not null
);

create table public.calls (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id),
  status text not null default 'ringing',
  duration_seconds integer,
  created_at timestamptz not null default now()
);

create table public.call_logs (
  id bigint generated always as identity primary key,
  org_id uuid not null references public.organizations (id),
  call_id uuid not null references public.calls (id),
  event text not null
);

create table public.contacts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id),
  phone text not null,
  last_called_at timestamptz
);

create table public.processed_webhook_events (
  event_id text primary key,
  received_at timestamptz not null default now()
);

alter table public.calls enable row level security;
alter table public.call_logs enable row level security;

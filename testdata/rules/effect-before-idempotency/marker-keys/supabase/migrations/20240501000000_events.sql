-- A composite unique key: one event id per provider.
create table public.inbound_events (
  provider text not null,
  event_id text not null,
  received_at timestamptz not null default now(),
  unique (provider, event_id)
);

-- A partial unique index: only live receipts are unique.
create table public.hook_receipts (
  id bigserial primary key,
  delivery_event_id text not null,
  deleted_at timestamptz
);
create unique index hook_receipts_live on public.hook_receipts (delivery_event_id)
  where deleted_at is null;

-- A composite primary key holding the idempotency key.
create table public.api_requests (
  client_id uuid not null,
  idempotency_key text not null,
  primary key (client_id, idempotency_key)
);

-- Failures are logged once per event: a unique event id, but not a marker.
create table public.webhook_failures (
  id bigserial primary key,
  stripe_event_id text unique not null,
  error text
);

-- A non-unique index on an event id makes nothing.
create table public.audit_log (
  id bigserial primary key,
  source_event_id text
);
create index audit_log_event on public.audit_log (source_event_id);

create table public.orders (
  id uuid primary key,
  status text
);

-- One usage per billing event: billing_event_id references another table's row, so the key
-- makes no marker.
create table public.billing_events (
  id uuid primary key,
  amount integer
);
create table public.promo_usages (
  id uuid primary key,
  promo_id uuid not null,
  billing_event_id uuid references public.billing_events (id),
  unique (promo_id, billing_event_id)
);

-- ON CONFLICT on an event id column makes the rpc a marker write, whatever the table's keys.
create table public.delivery_log (
  delivery_event_id text not null
);
create or replace function public.claim_delivery(p_id text) returns boolean
language plpgsql as $$
begin
  insert into public.delivery_log (delivery_event_id) values (p_id)
    on conflict (delivery_event_id) do nothing;
  return found;
end;
$$;

create table public.stripe_events (
  id text primary key,
  received_at timestamptz not null default now()
);

create table public.vapi_call_events (
  vapi_event_id text unique not null,
  payload jsonb
);

create table public.calls (
  id uuid primary key,
  org_id uuid not null,
  status text
);

-- Records the event and reports whether it was new: the marker through an RPC.
create or replace function public.claim_event(p_event_id text) returns boolean
language plpgsql as $$
begin
  insert into public.stripe_events (id) values (p_event_id) on conflict do nothing;
  return found;
end;
$$;

-- Only reads the marker table: a check.
create or replace function public.event_seen(p_event_id text) returns boolean
language sql as $$
  select exists (select 1 from public.stripe_events where id = p_event_id);
$$;

-- Writes business tables: an effect.
create or replace function public.close_call(p_org_id uuid, p_call_id uuid) returns void
language plpgsql as $$
begin
  update public.calls set status = 'closed' where id = p_call_id and org_id = p_org_id;
end;
$$;

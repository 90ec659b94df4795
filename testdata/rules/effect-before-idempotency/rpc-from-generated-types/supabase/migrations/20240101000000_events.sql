create table public.stripe_events (id text primary key, received_at timestamptz not null default now());

create function public.claim_event(p_event_id text) returns boolean language plpgsql as $$
begin
  insert into public.stripe_events (id) values (p_event_id) on conflict do nothing;
  return found;
end;
$$;

create table public.calls (id uuid primary key, org_id uuid not null, status text);
create table public.call_notes (id bigserial primary key, org_id uuid not null, event text);
create table public.processed_events (event_id text primary key);
create table public.rate_limits (key text primary key, hits int not null);

-- Writes a business table: each rpc of it is one transaction of its own.
create function public.close_call(p_org_id uuid, p_call_id uuid) returns void
language plpgsql set search_path = '' as $$
begin
  update public.calls set status = 'closed' where id = p_call_id and org_id = p_org_id;
end;
$$;

-- Only reads.
create function public.call_status(p_org_id uuid, p_call_id uuid) returns text
language sql set search_path = '' as $$
  select status from public.calls where id = p_call_id and org_id = p_org_id;
$$;

-- Only records an idempotency marker: separate by design.
create function public.claim_event(p_event_id text) returns boolean
language plpgsql set search_path = '' as $$
begin
  insert into public.processed_events (event_id) values (p_event_id) on conflict do nothing;
  return found;
end;
$$;

-- Runs dynamic SQL: what it does is unknown.
create function public.run_report(p_sql text) returns void
language plpgsql set search_path = '' as $$
begin
  execute p_sql;
end;
$$;

-- Bumps a rate-limit counter and nothing else: a row that stands alone.
create function public.check_rate_limit(p_key text) returns boolean
language plpgsql set search_path = '' as $$
begin
  insert into public.rate_limits (key, hits) values (p_key, 1)
    on conflict (key) do update set hits = public.rate_limits.hits + 1;
  return true;
end;
$$;

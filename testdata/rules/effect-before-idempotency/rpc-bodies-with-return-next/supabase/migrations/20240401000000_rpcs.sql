-- RPCs in the shapes libpg_query 15-4.0.0 rejects (a bare RETURN NEXT with TABLE columns, a
-- record field assignment): their bodies are still read, so the rpc's meaning is known.
create table public.stripe_events (id text primary key, received_at timestamptz default now());
create table public.refunds (id uuid primary key, org_id uuid not null, charge text);

-- Records the event: a marker write through an rpc.
create or replace function public.claim_refund_event(p_event_id text)
returns table (fresh boolean) language plpgsql as $$
begin
  insert into public.stripe_events (id) values (p_event_id) on conflict do nothing;
  fresh := found;
  return next;
end;
$$;

-- Writes a business table: an effect.
create or replace function public.record_refund(p_org uuid, p_charge text)
returns jsonb language plpgsql as $$
declare
  v_result record;
begin
  select true as ok into v_result;
  insert into public.refunds (id, org_id, charge) values (gen_random_uuid(), p_org, p_charge);
  v_result.ok := found;
  return to_jsonb(v_result);
end;
$$;

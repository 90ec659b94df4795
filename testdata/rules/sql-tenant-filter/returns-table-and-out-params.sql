-- Set-returning functions that hand back their OUT or TABLE columns with a bare
-- `RETURN NEXT;` (the atomic RPC shape non-atomic-writes asks for). libpg_query 15-4.0.0
-- rejects the bare form; the body is still read.
create table public.calls (id uuid primary key, org_id uuid not null, status text);
create table public.call_logs (id uuid primary key, org_id uuid not null, call_id uuid);

create or replace function public.handle_call_started(p_org uuid, p_call uuid)
returns table (call_tracking_id uuid, call_logs_id uuid)
language plpgsql security definer set search_path = '' as $$
begin
  -- expect: sql-tenant-filter "UPDATE on 'calls' in function 'public.handle_call_started'"
  update public.calls set status = 'started' where id = p_call;
  insert into public.call_logs (id, org_id, call_id) values (gen_random_uuid(), p_org, p_call)
  returning id into call_logs_id;
  call_tracking_id := p_call;
  return next;
end
$$;

-- The same, scoped: no finding.
create or replace function public.handle_call_started_scoped(p_org uuid, p_call uuid)
returns table (call_tracking_id uuid, call_logs_id uuid)
language plpgsql security definer set search_path = '' as $$
begin
  update public.calls set status = 'started' where id = p_call and org_id = p_org;
  call_tracking_id := p_call;
  return next;
end
$$;

-- OUT parameters and RETURNS SETOF record, RETURN NEXT inside a loop.
create function public.close_calls(p_ids uuid[], out closed_id uuid, out was text)
returns setof record language plpgsql as $fn$
declare
  i uuid;
begin
  foreach i in array p_ids loop
    delete from public.call_logs where call_id = i; -- expect: sql-tenant-filter
    update public.calls set status = 'closed' where id = i -- expect: sql-tenant-filter
    returning id, status into closed_id, was;
    RETURN NEXT ;
  end loop;
end
$fn$;

create function public.close_calls_scoped(p_org uuid, p_ids uuid[], out closed_id uuid)
returns setof record language plpgsql as $fn$
begin
  for closed_id in
    update public.calls set status = 'closed' where org_id = p_org and id = any (p_ids)
    returning id
  loop
    return next;
  end loop;
end
$fn$;

-- OUT parameters without SETOF: a plain RETURN (accepted before too).
create function public.touch_call(p_call uuid, inout touched int)
language plpgsql as $$
begin
  update calls set status = status where id = p_call; -- expect: sql-tenant-filter
  touched := touched + 1;
  return;
end $$;

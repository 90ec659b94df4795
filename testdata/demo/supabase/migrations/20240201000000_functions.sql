-- Finish a call atomically: status, duration and the log line in one transaction.
create or replace function public.complete_call(p_org_id uuid, p_call_id uuid, p_duration integer)
returns void
language plpgsql
security definer
set search_path = public
as $$
begin
  update public.calls
     set status = 'completed', duration_seconds = p_duration
   where id = p_call_id and org_id = p_org_id;
  insert into public.call_logs (org_id, call_id, event) values (p_org_id, p_call_id, 'completed');
end;
$$;

-- Mistake: the update forgets the organization, and SECURITY DEFINER runs without a fixed
-- search_path.
create or replace function public.reassign_contact(p_contact_id uuid, p_phone text)
returns void
language plpgsql
security definer
as $body$
begin
  update public.contacts set phone = p_phone where id = p_contact_id;
end;
$body$;

create function public.record_webhook_event(p_event_id text)
returns boolean
language sql
as $$
  insert into public.processed_webhook_events (event_id) values (p_event_id)
  on conflict do nothing
  returning true;
$$;

create function public.complete_call(p_call_id uuid) returns void language sql as $$ select 1 $$;
create function billing.charge(p_org uuid) returns void language sql as $$ select 1 $$;
create function public.old_name() returns void language sql as $$ select 1 $$;

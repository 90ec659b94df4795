create function public.sync_org(p_org uuid) returns void language plpgsql security definer set search_path = public as $$ begin perform 1; end; $$;

create function public.archive_order(p_id uuid) returns void language sql as $$ select 1 $$;

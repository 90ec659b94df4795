create function public.complete_call(p_org_id uuid, p_call_id uuid, p_duration int default 0)
returns void language sql as $$ select 1 $$;

create function public.find(p_id uuid) returns void language sql as $$ select 1 $$;
create function public.find(p_email text, p_org uuid) returns void language sql as $$ select 1 $$;

create function public.ingest(jsonb) returns void language sql as $$ select 1 $$;

create function public.stats(p_org uuid, out total int, out open int) language sql as $$ select 1, 2 $$;

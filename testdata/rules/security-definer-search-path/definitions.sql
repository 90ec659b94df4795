create function public.grant_credits(p_org uuid) -- expect: security-definer-search-path
returns void language plpgsql security definer as $$
begin
  perform 1;
end;
$$;

create function public.fixed(p_org uuid) returns void language plpgsql
security definer set search_path = '' as $$ begin perform 1; end; $$;

create function public.invoker(p_org uuid) returns void language plpgsql as $$ begin perform 1; end; $$;

create function public.sql_definer() returns int language sql security definer as 'select 1'; -- expect: security-definer-search-path

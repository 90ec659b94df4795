create function public.rotate_keys(p_org uuid) returns void language plpgsql security definer as $$
begin
  perform 1;
end;
$$;

create function public.overloaded(p_a int) returns void language plpgsql security definer as $$ begin perform 1; end; $$;
create function public.overloaded(p_a text) returns void language plpgsql security definer as $$ begin perform 1; end; $$; -- expect: security-definer-search-path

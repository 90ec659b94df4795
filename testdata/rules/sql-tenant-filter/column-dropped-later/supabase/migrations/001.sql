create table public.settings (id uuid primary key, org_id uuid, value text);

create function public.reset_settings() returns void language plpgsql as $$
begin
  update public.settings set value = null where id is not null;
end;
$$;

create table public.tasks (id uuid primary key, org_id uuid not null);

create function public.purge_all() returns void language plpgsql security definer set search_path = '' as $$
begin
  -- txlint-ignore sql-tenant-filter -- retention job over every organization
  delete from public.tasks where id is not null;
  delete from public.tasks where id is null; -- expect: sql-tenant-filter
end;
$$;

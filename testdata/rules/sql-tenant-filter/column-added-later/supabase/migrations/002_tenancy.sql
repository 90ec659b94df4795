alter table public.notes add column org_id uuid;

-- Now it is a tenant table: the same statement is a finding in a new function.
create function public.clear_notes_v2() returns void language plpgsql as $$
begin
  delete from public.notes where body = ''; -- expect: sql-tenant-filter
end;
$$;

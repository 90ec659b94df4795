create table public.notes (id uuid primary key, body text);

-- notes has no tenant column yet, but 002 adds one: the schema txlint checks against is the
-- one after every migration, and this function is still live then.
create function public.clear_notes() returns void language plpgsql as $$
begin
  delete from public.notes where body = ''; -- expect: sql-tenant-filter
end;
$$;

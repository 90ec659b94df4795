create table public.tasks (id uuid primary key, org_id uuid not null);

-- EXECUTE builds the statement at run time: not seen, not reported.
create function public.purge(p_table text) returns void language plpgsql as $$
begin
  execute format('delete from %I', p_table);
end;
$$;

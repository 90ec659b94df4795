create table public.tasks (id uuid primary key, org_id uuid not null);

-- One broken statement: a notice, and the statements around it are still read.
create tabel public.oops (id int);

create function public.finish_task(p_id uuid) returns void language plpgsql as $$
begin
  update public.tasks set id = id where id = p_id; -- expect: sql-tenant-filter
end;
$$;

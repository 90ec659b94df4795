-- Cursors, ALIAS FOR $n and COLLATE in declarations: libpg_query 15-4.0.0 rejects them
-- (cursor variables never get their type; unnamed parameters are not registered; its
-- placeholder types have no collation). The bodies are read all the same.
create table public.jobs (id uuid primary key, org_id uuid not null, state text);

create function public.drain_jobs(uuid) returns int language plpgsql as $$
declare
  p_org alias for $1;
  c cursor for select id from jobs where state = 'queued';
  r refcursor;
  label text collate "C" := 'x';
  j record;
  n int := 0;
begin
  open c;
  loop
    fetch c into j;
    exit when not found;
    update jobs set state = 'running' where id = j.id; -- expect: sql-tenant-filter
    n := n + 1;
  end loop;
  close c;
  open r for select id from jobs where org_id = p_org;
  move next from r;
  close r;
  for k in c loop
    delete from jobs where id = k.id; -- expect: sql-tenant-filter
    delete from jobs where id = k.id and org_id = p_org;
  end loop;
  return n;
end $$;

-- Statements that were not read before: SQL-standard bodies (BEGIN ATOMIC ... END, whose
-- inner semicolons used to split the statement), UPDATE/DELETE ... RETURNING as the query
-- of RETURN QUERY or of a FOR loop, and data-modifying WITH queries.
create table public.tasks (id uuid primary key, org_id uuid not null, done bool);
create table public.tasks_archive (id uuid primary key);

create function public.finish(p_id uuid) returns void language sql
begin atomic
  update public.tasks set done = true where id = p_id; -- expect: sql-tenant-filter
  delete from public.tasks where id = p_id and org_id = (select auth.org_id());
end;

create procedure public.reopen(p_org uuid, p_id uuid)
language sql
begin atomic
  update public.tasks
     set done = case when done then false else true end
   where id = p_id and org_id = p_org;
end;

create function public.finish_all(p_ids uuid[]) returns setof public.tasks language plpgsql as $$
declare
  t record;
begin
  -- expect: sql-tenant-filter
  return query update public.tasks set done = true where id = any (p_ids) returning *;
  for t in delete from public.tasks where done returning * loop -- expect: sql-tenant-filter
    raise notice 'removed %', t.id;
  end loop;
  return query
    update public.tasks set done = false where id = any (p_ids) and org_id = (select auth.org_id())
    returning *;
end $$;

create function public.archive_done(p_org uuid) returns void language plpgsql as $$
begin
  with gone as (delete from public.tasks where done returning *) -- expect: sql-tenant-filter
  insert into public.tasks_archive select id from gone;
  with kept as (update public.tasks set done = false where org_id = p_org returning id),
       again as (
         -- expect: sql-tenant-filter "UPDATE on 'tasks' in function 'public.archive_done'"
         update public.tasks set done = true where id in (select id from kept) returning id)
  insert into public.tasks_archive (id) select id from again;
end $$;

create function public.archive_sql(p_org uuid) returns void language sql as $$
  with gone as (delete from public.tasks where done and org_id = p_org returning *)
  insert into public.tasks_archive select id from gone;
$$;

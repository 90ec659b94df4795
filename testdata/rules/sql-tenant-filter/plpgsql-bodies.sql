create table public.calls (id uuid primary key, org_id uuid not null, status text);
create table public.plans (id text primary key, price int);

create or replace function public.close_call(p_org uuid, p_id uuid)
returns void language plpgsql as $$
begin
  update public.calls set status = 'closed' where id = p_id and org_id = p_org;
  -- expect: sql-tenant-filter "UPDATE on 'calls' in function 'public.close_call'"
  update public.calls set status = 'closed' where id = p_id;
  delete from public.calls where org_id = p_org and id = p_id;
  delete from calls where id = p_id; -- expect: sql-tenant-filter
  if p_id is not null then
    delete from calls where id = p_id or org_id = p_org; -- expect: sql-tenant-filter
  end if;
  update public.plans set price = 0 where id = 'free';
end;
$$;

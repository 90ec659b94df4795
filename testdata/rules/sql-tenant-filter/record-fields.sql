-- Assignments to fields of record and composite variables: libpg_query 15-4.0.0 knows no
-- variable's type but RECORD spelt in capitals, so `v.field := ...` is "not a known
-- variable" to it. The bodies are read all the same.
create table public.invoices (id uuid primary key, org_id uuid not null, total int, paid bool);

create function public.check_invoice(p_id uuid) returns jsonb language plpgsql as $$
declare
  v_result record;
begin
  select true as allowed, null::text as reason into v_result;
  v_result.allowed := false;
  update invoices set paid = true where id = p_id; -- expect: sql-tenant-filter
  return to_jsonb(v_result);
end $$;

create function public.copy_invoice(p_org uuid, p_id uuid) returns uuid language plpgsql as $$
declare
  v public.invoices%rowtype;
  w invoices;
begin
  select * into v from invoices where id = p_id and org_id = p_org;
  v.id := gen_random_uuid();
  w.total = v.total;
  select v.total * 2 into w.total;
  insert into invoices select (v).*;
  delete from invoices where id = p_id and org_id = p_org;
  delete from invoices where id = v.id; -- expect: sql-tenant-filter
  return v.id;
end $$;

-- A composite parameter, a label-qualified field, and a trigger's NEW.
create function public.settle(inv public.invoices) returns void language plpgsql as $$
<<outer_block>>
declare
  r record;
begin
  inv.paid := true;
  select inv.id as id into r;
  outer_block.r.id := inv.id;
  update invoices set paid = inv.paid where id = inv.id; -- expect: sql-tenant-filter
end $$;

create function public.invoices_touch() returns trigger language plpgsql as $$
begin
  new.total := coalesce(new.total, 0);
  if tg_op = 'UPDATE' then
    update invoices set paid = false where id = new.id; -- expect: sql-tenant-filter
  end if;
  return new;
end $$;

create table app."Tickets" (id uuid primary key, org_id uuid not null, "Title" text);
create table app.audit (id bigint primary key, org_id uuid not null);

-- A named dollar tag, a schema-qualified quoted table, IN and = ANY.
create function app.retitle(p_org uuid, p_ids uuid[], p_title text)
returns void
language plpgsql
as $fn$
begin
  update app."Tickets" set "Title" = p_title where id = any(p_ids) and org_id in (p_org);
  update app."Tickets" set "Title" = p_title where org_id = any(array[p_org]);
  update app."Tickets" set "Title" = p_title where id = any(p_ids); -- expect: sql-tenant-filter
  delete from app.audit -- expect: sql-tenant-filter
   where id = 1;
end;
$fn$;

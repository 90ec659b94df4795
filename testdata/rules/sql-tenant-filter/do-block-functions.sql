create table public.notes (id uuid primary key, org_id uuid not null, body text);

-- A function created by EXECUTE in a DO block is read like one created directly; a
-- dollar-quoted string keeps the file's positions.
do $$
begin
  execute $fn$create or replace function public.archive_note(p_id uuid) returns void
    language plpgsql as $body$
    begin
      delete from public.notes where id = p_id; -- expect: 7 sql-tenant-filter "archive_note"
    end
    $body$ $fn$;
  execute $fn$create function public.scoped_archive(p_id uuid, p_org uuid) returns void
    language sql as $body$ delete from public.notes where id = p_id and org_id = p_org $body$ $fn$;
end
$$;

-- Doubled quotes: the finding stays inside the string that made the function.
do $$
begin
  execute 'create function public.touch_note(p_id uuid) returns void language sql as $b$
    update public.notes set body = ''touched'' where id = p_id $b$'; -- expect: 5 sql-tenant-filter "touch_note"
end
$$;

-- Not a CREATE FUNCTION: EXECUTE of other literal statements adds nothing.
do $$
begin
  execute 'delete from public.notes where id is null';
end
$$;

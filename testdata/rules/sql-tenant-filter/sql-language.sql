create table public.contacts (id uuid primary key, org_id uuid not null, phone text);

create function public.wipe_contact(p_id uuid) returns void language sql as $$
  delete from public.contacts where id = p_id; -- expect: sql-tenant-filter
$$;

create function public.wipe_contact_scoped(p_org uuid, p_id uuid) returns void language sql as $$
  delete from public.contacts where id = p_id and org_id = p_org;
$$;

-- Top-level statements in a migration are backfills: not judged.
update public.contacts set phone = null where phone = '';

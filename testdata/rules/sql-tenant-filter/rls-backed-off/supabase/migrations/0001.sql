create table public.orgs (id uuid primary key);
create table public.sheets (id uuid primary key, org_id uuid not null references public.orgs (id));
alter table public.sheets enable row level security;
create policy sheets_all on public.sheets for all
  using (org_id = (select org_id from public.profiles where id = auth.uid()));

-- With rls_backed off, an invoker function held by a tenant policy is not reported.
create function public.clear_sheet(p uuid) returns void language sql as $$
  delete from public.sheets where id = p;
$$;

create function public.clear_sheet_as_owner(p uuid) returns void language sql security definer
set search_path = public as $$
  delete from public.sheets where id = p; -- expect: sql-tenant-filter error "SECURITY DEFINER"
$$;

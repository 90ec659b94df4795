create table public.workspaces (id uuid primary key);
create table public.workspace_members (
  workspace_id uuid not null references public.workspaces (id),
  user_id uuid not null
);
create function public.in_workspace(ws uuid) returns boolean
language sql stable security definer set search_path = public as $$
  select exists (select 1 from workspace_members where workspace_id = ws and user_id = auth.uid())
$$;

create table public.docs (
  id uuid primary key,
  workspace_id uuid not null references public.workspaces (id),
  title text
);
alter table public.docs enable row level security;
create policy docs_edit on public.docs for update using (public.in_workspace(workspace_id));
create policy docs_add on public.docs for insert with check (public.in_workspace(workspace_id));

create table public.comments (
  id uuid primary key,
  workspace_id uuid not null references public.workspaces (id),
  body text
);
alter table public.comments enable row level security;
create policy comments_add on public.comments for insert with check (public.in_workspace(workspace_id));

create table public.events (
  id uuid primary key,
  workspace_id uuid not null references public.workspaces (id)
);

-- Runs as the caller: the update policy still scopes the rows.
create function public.rename_doc(p_id uuid, p_title text) returns void
language plpgsql security invoker as $$
begin
  -- expect: sql-tenant-filter note "SECURITY INVOKER, and RLS policy 'docs_edit'"
  update public.docs set title = p_title where id = p_id;
  -- Only an INSERT policy on comments: nothing scopes a delete.
  -- expect: sql-tenant-filter error "with no DELETE policy, so a user session's delete changes no rows"
  delete from public.comments where id = p_id;
  -- expect: sql-tenant-filter error "RLS is not enabled on 'events'"
  delete from public.events where id = p_id;
end;
$$;

-- Runs as its owner: RLS does not apply, whatever the policies.
create function public.rename_doc_admin(p_id uuid, p_title text) returns void
language plpgsql security definer set search_path = public as $$
begin
  -- expect: sql-tenant-filter error "SECURITY DEFINER: it runs as its owner, so RLS does not apply"
  update public.docs set title = p_title where id = p_id;
end;
$$;

-- No SECURITY clause: PostgreSQL's default is INVOKER.
create function public.retitle(p_id uuid) returns void language sql as $$
  update public.docs set title = 'untitled' where id = p_id; -- expect: sql-tenant-filter note "docs_edit"
$$;

-- Replaced by a later migration: this body is still checked, graded by its own definition.
create function public.purge_doc(p_id uuid) returns void
language sql security definer set search_path = public as $$
  delete from public.docs where id = p_id; -- expect: sql-tenant-filter error "SECURITY DEFINER"
$$;

-- The same signature: replaces the earlier definition.
create or replace function public.purge_doc(p_id uuid) returns void
language sql security definer set search_path = public as $$
  delete from public.docs
   where id = p_id
     and workspace_id = (select m.workspace_id from public.workspace_members m where m.user_id = auth.uid() limit 1);
$$;

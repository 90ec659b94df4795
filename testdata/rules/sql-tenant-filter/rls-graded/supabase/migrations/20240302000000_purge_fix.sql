create or replace function public.purge_doc(p_ws uuid, p_id uuid) returns void
language sql security definer set search_path = public as $$
  delete from public.docs where id = p_id and workspace_id = p_ws;
$$;

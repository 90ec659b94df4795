create table public.calls (id uuid primary key, org_id uuid not null, open boolean);

create function public.complete_call(p_org_id uuid, p_call_id uuid) returns void
language plpgsql security definer as $$
begin
  update public.calls set open = false where id = p_call_id and org_id = p_org_id;
end;
$$;

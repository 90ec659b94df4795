alter table public.contacts add column org_id uuid not null;

-- Mistake: no org filter.
create function public.reassign_contact(p_org_id uuid, p_contact_id uuid, p_phone text)
returns void language plpgsql set search_path = '' as $$
begin
  update public.contacts set phone = p_phone where id = p_contact_id;
end;
$$;

-- A one-off fix: checked for its own statements, never part of the schema.
create or replace function public.reassign_contact(p_org_id uuid, p_contact_id uuid, p_phone text)
returns void language plpgsql set search_path = '' as $$
begin
  update public.contacts set phone = p_phone where id = p_contact_id and phone is null;
end;
$$;

create table public.contacts (
  id uuid primary key,
  org_id uuid not null,
  phone text
);

-- Mistake: no org filter (no supabase/migrations here: every .sql file builds the schema).
create function public.reassign_contact(p_org_id uuid, p_contact_id uuid, p_phone text)
returns void language plpgsql set search_path = '' as $$
begin
  update public.contacts set phone = p_phone where id = p_contact_id;
end;
$$;

-- A schema dump (pg_dump --schema-only), taken before org_id was added: the migrations'
-- statements once more, laid out differently. It is applied before the migrations (which
-- win: contacts has its org_id) and its copies of their statements are not reported again.
CREATE TABLE public.contacts (
    id uuid NOT NULL PRIMARY KEY,
    phone text
);

CREATE FUNCTION public.reassign_contact(p_org_id uuid, p_contact_id uuid, p_phone text) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  update public.contacts
     set phone = p_phone
   where id = p_contact_id;
end;
$$;

-- A function only the dump has (made in the dashboard): known to rpc lookups, and its own
-- statements are checked.
CREATE FUNCTION public.wipe_phone(p_contact_id uuid) RETURNS void
    LANGUAGE sql
    AS $$
  update public.contacts set phone = null where id = p_contact_id;
$$;

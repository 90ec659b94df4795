-- A schema dump (pg_dump --schema-only): the migrations' statements once more, laid out
-- differently. Without supabase/migrations, it is read as a migration too: reported again.
CREATE TABLE public.contacts (
    id uuid NOT NULL PRIMARY KEY,
    org_id uuid NOT NULL,
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

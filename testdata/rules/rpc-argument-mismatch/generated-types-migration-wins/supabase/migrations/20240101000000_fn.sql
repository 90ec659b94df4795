-- The migration defines close_ticket with one parameter; the types below list a second one.
-- The migration wins.
create function public.close_ticket(p_ticket_id uuid) returns void language sql as $$ select 1 $$;

create function f(p_id uuid) returns void language plpgsql as $$ begin update calls set a = 1 whe`e id = p_id; end $$;

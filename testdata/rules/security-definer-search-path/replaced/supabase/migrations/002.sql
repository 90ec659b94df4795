-- CREATE OR REPLACE drops the SET clause: the live definition is the one that counts.
create or replace function public.sync_org(p_org uuid) returns void language plpgsql security definer as $$ begin perform 2; end; $$; -- expect: security-definer-search-path

create table public.ledgers (id uuid primary key, org_id uuid not null, total int not null default 0);

-- Functions created only when missing: each EXECUTE runs a literal CREATE FUNCTION.
do $$
begin
  if not exists (select 1 from pg_proc where proname = 'post_entry') then
    execute 'create function public.post_entry(p_ledger uuid, p_amount int) returns void
      language sql as $body$ update public.ledgers set total = total + p_amount
      where id = p_ledger and org_id = (select org_id from public.ledgers where id = p_ledger) $body$';
  end if;
  -- format() with literal arguments names the function too.
  execute format('create or replace function %I.%I(p_org uuid) returns int language sql as %L',
                 'public', 'ledger_count',
                 'select count(*)::int from public.ledgers where org_id = p_org');
  -- Doubled quotes inside a quoted string.
  execute 'create function public.ledger_label(p_id uuid) returns text language sql as
    ''select ''''ledger '''' || id::text from public.ledgers where id = p_id''';
end
$$;

-- An explicit language, and a positional format argument.
do language plpgsql $outer$
begin
  execute format('create function public.%1$s() returns void language sql as $x$ select 1 $x$',
                 'ledger_ping');
end
$outer$;

-- Look-alikes that create nothing a reader can name.
do $$
declare
  v_name text := 'ledger_dynamic';
  v_sql text := 'create function public.ledger_in_a_string() returns void language sql as $q$ select 1 $q$';
begin
  execute 'create function public.' || v_name || '() returns void language sql as $q$ select 1 $q$';
  execute format('create function public.%I() returns void language sql as $q$ select 1 $q$', v_name);
  -- execute 'create function public.ledger_in_a_comment() returns void language sql as $q$ select 1 $q$';
  raise notice 'execute %', 'create function public.ledger_in_notice() returns void language sql as $q$ select 1 $q$';
end
$$;

-- A function whose body would create another one only creates it when it is called.
create function public.make_ledger_helper() returns void language plpgsql as $$
begin
  execute 'create function public.ledger_helper() returns void language sql as $q$ select 1 $q$';
end
$$;

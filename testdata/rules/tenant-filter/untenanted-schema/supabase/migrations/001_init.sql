-- A single-tenant app: every table belongs to a user or to everyone, none to a tenant.
create table public.trips (id uuid primary key, user_id uuid not null references auth.users (id), title text);
create table public.places (id uuid primary key, name text);

-- Its functions write tables the migrations do not define (vault.secrets, made elsewhere).
create function public.forget_key(p_name text) returns void
language plpgsql security definer set search_path = public as $$
begin
  delete from vault.secrets where name = p_name;
end;
$$;

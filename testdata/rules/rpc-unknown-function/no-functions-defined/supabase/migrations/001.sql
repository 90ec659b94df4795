create table public.calls (id uuid primary key, org_id uuid);

create table public.loans (id uuid primary key, org_id uuid not null, closed boolean);
create table public.audit_entries (id uuid primary key, org_id uuid not null);
create table public.payments (id uuid primary key, org_id uuid not null, paid boolean);
create table public.currencies (code text primary key, rate numeric);
create table public.exchange_rates (code text primary key, rate numeric);

create table public.organizations (id uuid primary key, name text);
create table public.loans (id uuid primary key, organization_id uuid not null references organizations (id), deleted_at timestamptz);
create table public.borrowers (id uuid primary key, organization_id uuid not null references organizations (id), deleted_at timestamptz);
create table public.currencies (code text primary key, deleted_at timestamptz);

-- tenants and accounts were created before the first migration in this folder.
create table public.account_notes (
  id uuid primary key,
  tenant_id uuid not null references public.tenants (id),
  account_id uuid not null references public.accounts (id),
  body text
);
alter table public.accounts add column if not exists notes_count int;

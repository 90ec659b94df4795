-- The only evidence for a root were the policies of labs, and a later migration dropped
-- them: no root is left, so samples is no tenant table.
create table public.labs (id uuid primary key, title text);
create table public.technicians (
  auth_uid uuid not null,
  lab_id uuid not null references public.labs (id)
);
create table public.samples (
  id uuid primary key,
  lab_ref uuid not null references public.labs (id),
  label text
);
alter table public.samples enable row level security;
create policy "technicians edit their lab's samples" on public.samples for update
  using (lab_ref in (select lab_id from public.technicians where auth_uid = auth.uid()));

create table public.organizations (id uuid primary key);
create table public.calls (
  id uuid primary key,
  org_id uuid not null references public.organizations (id),
  status text
);
alter table public.calls enable row level security;

create function public.close_call(p_id uuid) returns void
language plpgsql security definer as $$
begin
  update public.calls set status = 'closed' where id = p_id;
end;
$$;

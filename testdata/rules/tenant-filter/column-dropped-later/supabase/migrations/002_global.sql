-- templates become global: both tenant columns go.
alter table public.templates drop column workspace_id;
alter table public.templates drop column owner_ws;
drop table public.old_boards;

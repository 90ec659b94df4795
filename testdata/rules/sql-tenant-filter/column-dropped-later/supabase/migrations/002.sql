-- settings became global: no tenant column, nothing to constrain.
alter table public.settings drop column org_id;

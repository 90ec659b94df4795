-- reports gains its tenant key in a later migration, under an unusual name.
alter table public.reports
  add constraint reports_owner_fkey foreign key (owner_org) references public.organizations (id);
-- memos loses its key (the default constraint name): a global table again.
alter table public.memos drop constraint memos_org_ref_fkey;
-- drafts gains a column with an inline reference.
alter table public.drafts add column author_org uuid references public.organizations (id);

drop policy if exists "members edit reports" on public.reports;
create policy "members read reports" on public.reports for select using (public.is_member(org_id));

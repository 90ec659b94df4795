create policy "old delete" on public.visits for delete using (true);
drop policy "old delete" on public.visits;
create policy "check only" on public.visits for all with check (public.works_at(clinic));

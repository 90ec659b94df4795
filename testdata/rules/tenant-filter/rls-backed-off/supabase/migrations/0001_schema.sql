create table teams (id uuid primary key);
create table team_members (team_id uuid not null references teams (id), user_id uuid not null);
create table boards (
  id uuid primary key,
  team_id uuid not null references teams (id),
  name text
);
alter table boards enable row level security;
create policy boards_write on boards for all
  using (exists (select 1 from team_members tm where tm.team_id = boards.team_id and tm.user_id = auth.uid()));

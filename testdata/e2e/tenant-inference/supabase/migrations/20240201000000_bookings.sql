create table public.bookings (id uuid primary key, class uuid not null, seat int);
alter table public.bookings
  add constraint bookings_studio_fkey foreign key (class) references public.studios (id);

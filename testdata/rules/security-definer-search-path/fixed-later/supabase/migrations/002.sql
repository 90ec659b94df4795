-- A later migration fixes rotate_keys and one overload of overloaded.
alter function public.rotate_keys(uuid) set search_path = public;
alter function public.overloaded(integer) set search_path = public;

drop function public.old_name();

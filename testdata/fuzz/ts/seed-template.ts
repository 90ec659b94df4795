const q = supabase.from(`t`)

import { createClient } from '@supabase/supabase-js';

export const db = createClient(process.env.URL!, process.env.KEY!);

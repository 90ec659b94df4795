import { createClient } from '@supabase/supabase-js';

export const db = createClient('url', 'key');

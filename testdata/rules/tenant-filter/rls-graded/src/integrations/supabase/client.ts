// A single-page app's generated client: a legacy anon JWT committed as a constant, the
// session kept in the browser's storage.
import { createClient } from '@supabase/supabase-js';

const SUPABASE_URL = 'https://fixtureproject.supabase.co';
const SUPABASE_KEY = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6ImZpeHR1cmVwcm9qZWN0Iiwicm9sZSI6ImFub24iLCJpYXQiOjE3MDAwMDAwMDB9.fixture-signature-not-a-real-key';

export const supabase = createClient(SUPABASE_URL, SUPABASE_KEY, {
  auth: { storage: localStorage, persistSession: true, autoRefreshToken: true },
});

import { createClient } from '@supabase/supabase-js';

// A legacy service_role JWT literal, whatever the variable is called.
const KEY = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6ImZpeHR1cmVwcm9qZWN0Iiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTcwMDAwMDAwMH0.fixture-signature-not-a-real-key';
const db = createClient('https://fixtureproject.supabase.co', KEY);

export async function reset(id: string) {
  await db.from('tasks').update({ done: false }).eq('id', id); // expect: tenant-filter error "service-role key"
}

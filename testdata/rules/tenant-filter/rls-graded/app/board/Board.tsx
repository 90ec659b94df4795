'use client';
import { createClient } from '@supabase/supabase-js';

// In the browser the anon key carries the visitor's own session.
const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);

export function Board({ id }: { id: string }) {
  async function finish() {
    // expect: tenant-filter note "RLS policy 'tasks of my org'"
    await supabase.from('tasks').update({ done: true }).eq('id', id);
  }
  return <button onClick={finish}>done</button>;
}

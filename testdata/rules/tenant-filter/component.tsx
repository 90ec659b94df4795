'use client';
import { createBrowserClient } from '@supabase/ssr';

export function DeleteButton({ id }: { id: string }) {
  const supabase = createBrowserClient('url', 'anon');
  const onClick = async () => {
    await supabase.from('notes').delete().eq('id', id); // expect: tenant-filter
  };
  return <button onClick={onClick}>Delete</button>;
}

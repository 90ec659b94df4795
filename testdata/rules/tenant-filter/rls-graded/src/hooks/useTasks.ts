import { supabase } from '@/integrations/supabase/client';

export function useTasks() {
  return {
    async remove(id: string) {
      // expect: tenant-filter note "RLS policy 'tasks of my org'"
      await supabase.from('tasks').delete().eq('id', id);
    },
  };
}

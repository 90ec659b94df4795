import { createClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.URL!, process.env.KEY!);

export async function renameTask(workspaceId: string, id: string, title: string) {
  await supabase.from('tasks').update({ title }).eq('id', id).eq('workspace_id', workspaceId);
}

export async function toggleFlag(name: string, enabled: boolean) {
  // feature_flags has no tenant column: a global table needs no tenant filter.
  await supabase.from('feature_flags').update({ enabled }).eq('name', name);
}

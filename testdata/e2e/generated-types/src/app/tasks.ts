import { createClient } from '@supabase/supabase-js';
import type { Database } from '../types/supabase';

const supabase = createClient<Database>(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!);

export async function finish(spaceId: string, taskId: string) {
  await supabase.from('tasks').update({ done: true }).eq('space', spaceId).eq('id', taskId);
  await supabase.rpc('complete_task', { p_task: taskId });
  await supabase.rpc('complete_task', { p_task: taskId, p_when: 'now' });
  await supabase.rpc('reopen_task', { p_task: taskId });
}

export async function finishAnywhere(taskId: string) {
  await supabase.from('tasks').update({ done: true }).eq('id', taskId);
}

export async function rename(workspaceId: string, id: string, title: string) {
  await supabase.from('projects').update({ title }).eq('legacy_org_id', workspaceId).eq('id', id);
}

import { createClient } from '@supabase/supabase-js';

const db = createClient('url', 'key');

export async function openArticle(articleId: string, userId: string) {
  const { error } = await db.from('reads').insert({ article_id: articleId, user_id: userId });
  if (error) throw error;
  const { error: viewError } = await db.from('page_views').insert({ article_id: articleId });
  if (viewError) throw viewError;
}

// With the defaults replaced, a log table counts like any other.
// expect: non-atomic-writes "'closeCase' makes 2 separate writes (update 'cases', insert 'case_logs'; not counted: insert 'page_views' (independent table))"
export async function closeCase(caseId: string) {
  const { error } = await db.from('cases').update({ closed: true }).eq('id', caseId); // related: non-atomic-writes
  if (error) throw error;
  const { error: logError } = await db.from('case_logs').insert({ case_id: caseId }); // related: non-atomic-writes
  if (logError) throw logError;
  const { error: viewError } = await db.from('page_views').insert({ case_id: caseId });
  if (viewError) throw viewError;
}

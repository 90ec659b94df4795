import { createClient } from '@supabase/supabase-js';

const db = createClient('url', 'key');

// The legacy insert runs only when the first one failed: an alternative, not a sequence.
export async function saveProfile(userId: string, name: string) {
  const { error } = await db.from('profiles_v2').insert({ user_id: userId, name });
  if (error) {
    await db.from('profiles').insert({ user_id: userId, name });
  }
}

// The same with a renamed binding and a compound condition.
export async function savePrefs(userId: string, prefs: object) {
  const { error: upsertErr } = await db.from('prefs').upsert({ user_id: userId, prefs });
  if (upsertErr && upsertErr.code === '42P01') {
    await db.from('legacy_prefs').upsert({ user_id: userId, prefs });
  }
}

// `if (!error)`: the second write follows a success, so it is a sequence.
// expect: non-atomic-writes "'enroll' makes 2 separate writes (insert 'enrollments', update 'courses')"
export async function enroll(userId: string, courseId: string) {
  const { error } = await db.from('enrollments').insert({ user_id: userId, course_id: courseId }); // related: non-atomic-writes
  if (!error) {
    const { error: countError } = await db.from('courses').update({ seats_taken: 1 }).eq('id', courseId); // related: non-atomic-writes
    if (countError) throw countError;
  }
}

// The else branch of `if (error)` is the success path.
// expect: non-atomic-writes "'publish' makes 2 separate writes (update 'posts', insert 'feed_items')"
export async function publish(postId: string) {
  const { error } = await db.from('posts').update({ published: true }).eq('id', postId); // related: non-atomic-writes
  if (error) {
    console.error(error);
  } else {
    await db.from('feed_items').insert({ post_id: postId }).throwOnError(); // related: non-atomic-writes
  }
}

// A fallback followed by another write: the fallback and that write are a sequence.
// expect: non-atomic-writes "'register' makes 2 separate writes"
export async function register(userId: string) {
  const { error } = await db.from('users_v2').insert({ id: userId }); // related: non-atomic-writes
  if (error) {
    await db.from('users').insert({ id: userId });
  }
  const { error: e2 } = await db.from('wallets').insert({ user_id: userId }); // related: non-atomic-writes
  if (e2) throw e2;
}

// A condition on something else is no fallback.
// expect: non-atomic-writes "'invite' makes 2 separate writes"
export async function invite(teamId: string, email: string, notify: boolean) {
  const { error } = await db.from('invites').insert({ team_id: teamId, email }); // related: non-atomic-writes
  if (notify) {
    const { error: outboxError } = await db.from('outbox').insert({ email }); // related: non-atomic-writes
    if (outboxError) throw outboxError;
  }
  return error;
}

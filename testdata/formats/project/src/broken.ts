export function broken( {
// names supabase: a file without a seed token would not be parsed (README, "Files that cannot matter")

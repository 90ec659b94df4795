// A factory over another module's factory: its kind is that module's.
import { createClient } from './supabase/server';

export async function requestDb() {
  return createClient();
}

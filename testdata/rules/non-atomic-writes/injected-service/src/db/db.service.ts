import { Injectable } from '@nestjs/common';
import { createClient, SupabaseClient } from '@supabase/supabase-js';

@Injectable()
export class DbService {
  private readonly admin: SupabaseClient = createClient(
    process.env.SUPABASE_URL!,
    process.env.SUPABASE_SERVICE_ROLE_KEY!,
  );

  get client() {
    return this.admin;
  }

  getAdmin(): SupabaseClient {
    return this.admin;
  }

  // Not a client: a cache with from() and delete() of its own.
  cache(): Map<string, string> {
    return new Map();
  }
}

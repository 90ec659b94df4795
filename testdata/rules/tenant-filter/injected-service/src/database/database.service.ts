import { Injectable } from '@nestjs/common';
import { createClient, SupabaseClient } from '@supabase/supabase-js';
import knex from 'knex';

// A NestJS service handing out clients: its members are what the services injecting it use.
@Injectable()
export class DatabaseService {
  private adminClient: SupabaseClient;
  readonly anon = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!);
  private readonly warehouse = knex({ client: 'pg' });

  constructor() {
    this.adminClient = createClient(
      process.env.SUPABASE_URL!,
      process.env.SUPABASE_SERVICE_ROLE_KEY!,
    );
  }

  // Typed: a client whatever the body returns.
  getAdminClient(): SupabaseClient {
    return this.adminClient;
  }

  // Untyped: the body returns a client.
  fresh() {
    return createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
  }

  // Not a Supabase client: its from().update() is knex's.
  reporting() {
    return this.warehouse;
  }
}

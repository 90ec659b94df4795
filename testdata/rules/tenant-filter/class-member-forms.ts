// Every kind of class member, each holding a query: none of them stops the extraction.
import { createClient, SupabaseClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!);

function Injectable(): ClassDecorator {
  return () => undefined;
}
function Inject(_token: string): ParameterDecorator {
  return () => undefined;
}
function Column(_opts?: object): PropertyDecorator {
  return () => undefined;
}
function Log(target: object, key: string | symbol, desc: PropertyDescriptor) {
  return desc;
}

@Injectable()
export class CallService {
  @Column({ name: 'org_id' }) orgId = '';
  declare readonly region: string;
  accessor retries = 3;
  #db: SupabaseClient = supabase;
  static #instances = 0;
  [extra: string]: unknown;

  constructor(@Inject('SUPABASE') private readonly client: SupabaseClient) {}

  static {
    CallService.#instances = 0;
    supabase.from('calls').update({ warmed: true }).eq('id', 'warmup'); // expect: tenant-filter
  }

  // Overloads: the signatures hold no code, the implementation does.
  close(id: string): Promise<void>;
  close(id: string, reason: string): Promise<void>;
  async close(id: string, reason?: string) {
    await this.client.from('calls').update({ reason }).eq('id', id); // expect: tenant-filter
  }

  @Log
  async reopen(id: string) {
    await this.#db.from('calls').update({ open: true }).eq('id', id).eq('org_id', this.orgId);
  }

  async #purge(id: string) {
    await supabase.from('calls').delete().eq('id', id); // expect: tenant-filter
  }

  async purgeAll(ids: string[]) {
    for (const id of ids) await this.#purge(id);
  }

  get open() {
    return supabase.from('calls').select('id').eq('org_id', this.orgId);
  }

  set status(value: string) {
    void supabase.from('calls').update({ status: value }).eq('id', 'current'); // expect: tenant-filter
  }

  *batches(ids: string[]) {
    for (const id of ids) yield supabase.from('calls').delete().eq('id', id); // expect: tenant-filter
  }

  async *drain(ids: string[]) {
    for (const id of ids) {
      yield await supabase.from('calls').delete().eq('id', id).eq('org_id', this.orgId);
    }
  }

  ['archive']() {
    return supabase.from('calls').update({ archived: true }).eq('id', 'x'); // expect: tenant-filter
  }

  async 0(id: string) {
    await supabase.from('calls').update({ zero: true }).eq('id', id); // expect: tenant-filter
  }

  async 'close-all'(orgId: string) {
    await supabase.from('calls').update({ open: false }).eq('org_id', orgId);
  }

  async [Symbol.asyncIterator]() {
    await supabase.from('calls').delete().eq('id', 'iter'); // expect: tenant-filter
  }

  optional?(id: string): Promise<void>;

  handler = async (id: string) => {
    await supabase.from('calls').delete().eq('id', id); // expect: tenant-filter
  };

  static create = () => new CallService(supabase);
}

export abstract class Repository {
  abstract table(): string;
  protected abstract readonly label: string;

  async remove(id: string) {
    await supabase.from('calls').delete().eq('id', id); // expect: tenant-filter
  }
}

export interface Store {
  close(id: string): Promise<void>;
  [key: string]: unknown;
}

export enum CallState {
  Open = 'open',
  Closed = 'closed',
  Archived = Open.length,
}

export namespace Maintenance {
  export async function sweep(id: string) {
    await supabase.from('calls').delete().eq('id', id); // expect: tenant-filter
  }

  export namespace Nested {
    export const rows = async (orgId: string) =>
      supabase.from('calls').delete().eq('org_id', orgId);
  }
}

declare module 'external' {
  export function close(id: string): Promise<void>;
}

export async function resources(id: string) {
  await using conn = await openConnection();
  using lock = acquire(id);
  try {
    await supabase.from('calls').update({ locked: true }).eq('id', id); // expect: tenant-filter
  } catch {
    await supabase.from('calls').update({ failed: true }).eq('id', id); // expect: tenant-filter
  } finally {
    lock[Symbol.dispose]();
  }
  return conn;
}

declare function openConnection(): Promise<AsyncDisposable>;
declare function acquire(id: string): Disposable;

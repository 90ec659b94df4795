// Classes without a name, wherever code puts them: their members' queries are still checked.
import { createClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!);

declare function register(kind: string, impl: new () => object): void;

// Bound to a variable.
export const CallRepo = class {
  async close(id: string) {
    // expect: tenant-filter "update on 'calls' has no filter on 'org_id' (filters: id)"
    await supabase.from('calls').update({ open: false }).eq('id', id);
  }

  async closeForOrg(id: string, orgId: string) {
    await supabase.from('calls').update({ open: false }).eq('id', id).eq('org_id', orgId);
  }
};

// Extending an anonymous class written in place.
const Archive = class extends (class {}) {
  async purge(id: string) {
    await supabase.from('calls').delete().eq('id', id); // expect: tenant-filter
  }
};

// Extending an expression, with a name only inside.
const Errors = class AppError extends Error {
  async record(id: string, orgId: string) {
    await supabase.from('calls').update({ failed: true }).eq('org_id', orgId).eq('id', id);
  }
};

// Passed to a registry.
register(
  'calls',
  class {
    async run(id: string) {
      await supabase.from('calls').update({ ran: true }).eq('id', id); // expect: tenant-filter
    }
  },
);

// Returned by a mixin.
export function Auditable<T extends new (...args: any[]) => object>(Base: T) {
  return class extends Base {
    async audit(id: string) {
      await supabase.from('calls').update({ audited: true }).eq('id', id); // expect: tenant-filter
    }
  };
}

// Inside object literals and arrays.
export const jobs = {
  nightly: class {
    async go(orgId: string) {
      await supabase.from('calls').delete().eq('org_id', orgId).lt('age', 30);
    }
  },
  queue: [
    class {
      async go(id: string) {
        await supabase.from('calls').delete().eq('id', id); // expect: tenant-filter
      }
    },
  ],
};

// Instantiated at once.
export const singleton = new (class {
  async reset(id: string) {
    await supabase.from('calls').update({ state: 'new' }).eq('id', id); // expect: tenant-filter
  }
})();

// Made by an arrow that is called at once.
const Made = (() =>
  class {
    async made(id: string) {
      await supabase.from('calls').update({ made: true }).eq('id', id); // expect: tenant-filter
    }
  })();

// Assigned to a property.
const registry: Record<string, unknown> = {};
registry.Cleaner = class {
  async clean(id: string, orgId: string) {
    await supabase.from('calls').delete().match({ id, org_id: orgId });
  }
};

export { Archive, Errors, Made };

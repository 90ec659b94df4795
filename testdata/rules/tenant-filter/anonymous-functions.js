// Functions without a name, wherever JavaScript puts them: their queries are still checked.
const { createClient } = require('@supabase/supabase-js');

const supabase = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_KEY);

// Immediately invoked, in each of the ways code writes it.
(function () {
  supabase.from('calls').update({ booted: true }).eq('id', 'boot'); // expect: tenant-filter
})();

(async () => {
  await supabase.from('calls').delete().eq('id', 'stale'); // expect: tenant-filter
})();

!function () {
  supabase.from('calls').delete().eq('id', 'bang'); // expect: tenant-filter
}();

void (async function () {
  await supabase.from('calls').delete().eq('org_id', process.env.ORG).eq('id', 'v');
})();

// Callbacks, passed and returned.
setTimeout(async function () {
  await supabase.from('calls').update({ timedOut: true }).eq('id', 'later'); // expect: tenant-filter
}, 10);

function makeHandler(orgId) {
  return async function (id) {
    await supabase.from('calls').update({ seen: true }).eq('id', id).eq('org_id', orgId);
  };
}

function makeUnsafeHandler() {
  return async (id) => {
    await supabase.from('calls').update({ seen: true }).eq('id', id); // expect: tenant-filter
  };
}

const later = new Promise(async (resolve) => {
  resolve(await supabase.from('calls').delete().eq('id', 'p')); // expect: tenant-filter
});

// Object literal methods, getters, generators.
const api = {
  async close(id) {
    await supabase.from('calls').update({ open: false }).eq('id', id); // expect: tenant-filter
  },
  get pending() {
    return supabase.from('calls').select('id').eq('state', 'pending');
  },
  *ids(list) {
    for (const id of list) yield supabase.from('calls').delete().eq('id', id); // expect: tenant-filter
  },
  async *stream(list, orgId) {
    for (const id of list) yield supabase.from('calls').delete().eq('id', id).eq('org_id', orgId);
  },
  ['re' + 'open']: async (id) => {
    await supabase.from('calls').update({ open: true }).eq('id', id); // expect: tenant-filter
  },
  'with-dash': async function (id) {
    await supabase.from('calls').update({ dashed: true }).eq('id', id); // expect: tenant-filter
  },
  0: async (id) => supabase.from('calls').delete().eq('id', id), // expect: tenant-filter
};

// Default parameters, comma expressions, conditionals.
async function withDefault(id, run = async () => supabase.from('calls').delete().eq('id', id)) { // expect: tenant-filter
  return run();
}

let step = 0;
const pair = (step++, async (id) => supabase.from('calls').delete().eq('id', id)); // expect: tenant-filter

const chosen = process.env.SAFE
  ? async (id, orgId) => supabase.from('calls').delete().eq('id', id).eq('org_id', orgId)
  : async (id) => supabase.from('calls').delete().eq('id', id); // expect: tenant-filter

// A catch without a binding, and one with.
async function tolerant(id) {
  try {
    await supabase.from('calls').update({ tried: true }).eq('id', id); // expect: tenant-filter
  } catch {
    await supabase.from('calls').update({ failed: true }).eq('id', id); // expect: tenant-filter
  }
  try {
    JSON.parse(id);
  } catch (err) {
    await supabase.from('calls').update({ error: String(err) }).eq('id', id); // expect: tenant-filter
  }
}

// Exported as the module itself and as its members.
module.exports = class {
  async detach(id) {
    await supabase.from('calls').update({ attached: false }).eq('id', id); // expect: tenant-filter
  }
};
module.exports.helpers = {
  remove: async (id) => supabase.from('calls').delete().eq('id', id), // expect: tenant-filter
};
exports.handler = async function (event) {
  await supabase.from('calls').delete().eq('id', event.id); // expect: tenant-filter
};
exports.api = api;
exports.makeHandler = makeHandler;
exports.makeUnsafeHandler = makeUnsafeHandler;
exports.later = later;
exports.withDefault = withDefault;
exports.pair = pair;
exports.chosen = chosen;
exports.tolerant = tolerant;

// A tenant-filter rule for ESLint, written the way a user would write it for comparison
// with txlint in ci/bench: flag supabase-js update()/delete() chains that have no
// .eq('org_id', ...) (or .match/.in/.filter on org_id) anywhere in the same chain.
const FILTERS = new Set(['eq', 'in', 'match', 'filter']);

function chainCalls(node) {
  // Walk outwards from the .from(...) call to the end of the chain.
  const calls = [];
  let cur = node;
  while (cur.parent && cur.parent.type === 'MemberExpression' && cur.parent.object === cur &&
         cur.parent.parent && cur.parent.parent.type === 'CallExpression') {
    cur = cur.parent.parent;
    calls.push(cur);
  }
  return calls;
}

function methodName(call) {
  return call.callee.type === 'MemberExpression' && call.callee.property.type === 'Identifier'
    ? call.callee.property.name : null;
}

function filtersOrg(call) {
  const m = methodName(call);
  if (!FILTERS.has(m)) return false;
  const a = call.arguments[0];
  if (!a) return false;
  if (a.type === 'Literal') return a.value === 'org_id';
  if (a.type === 'ObjectExpression')
    return a.properties.some((p) => p.key && (p.key.name === 'org_id' || p.key.value === 'org_id'));
  return true; // dynamic: do not report
}

export default {
  meta: { type: 'problem', messages: { missing: "{{op}} on '{{table}}' has no filter on 'org_id'" } },
  create(context) {
    return {
      CallExpression(node) {
        if (methodName(node) !== 'from') return;
        const arg = node.arguments[0];
        if (!arg || arg.type !== 'Literal' || typeof arg.value !== 'string') return;
        const calls = chainCalls(node);
        const op = calls.find((c) => ['update', 'delete'].includes(methodName(c)));
        if (!op) return;
        if (calls.some(filtersOrg)) return;
        context.report({ node: op, messageId: 'missing', data: { op: methodName(op), table: arg.value } });
      },
    };
  },
};

// ts_decls.c: declarations, parameters, fields, assignments and returns that bind names to
// clients and constant strings (the table itself is in ts_bind.c).
#include <string.h>

#include "ts_internal.h"

// --- bindings -------------------------------------------------------------------------------

// `value`: what it was bound to (a null node for a typed parameter), read for its kind.
static void bind_client(TsCtx *ex, TxStr name, uint32_t import, TSNode value) {
  Binding b = {name, BIND_CLIENT, 0, TX_NONE, 0, {"", 0}, import};
  tx_ts_bind_kind(ex, &b, value);
  if (!tx_ts_null(value)) {
    uint32_t service;
    b.str = tx_ts_client_member(ex, value, &service);
  }
  tx_ts_bind_put(&ex->binds, &b);
}

// A client member of class `cls` (`this.admin` in `class Db`) is also bound as "Db.admin", so
// the class's exports can name it (ts_finish.c) whatever other classes of the file call theirs.
static void bind_member_client(TsCtx *ex, TxStr cls, TxStr member, uint32_t import, TSNode value) {
  bind_client(ex, tx_arena_printf(&ex->f->arena, "this.%.*s", TX_STR_ARG(member)), import, value);
  if (cls.len && !tx_name_is_made_up(cls))
    bind_client(ex,
                tx_arena_printf(&ex->f->arena, "%.*s.%.*s", TX_STR_ARG(cls), TX_STR_ARG(member)),
                import, value);
}

static void bind_string(TsCtx *ex, TxStr name, TxStr value) {
  Binding b = {name, BIND_STRING, 0, TX_NONE, 0, value, TX_NONE};
  tx_ts_bind_put(&ex->binds, &b);
}

// const TABLES = { calls: 'calls', logs: 'call_logs' } as const
static void bind_object_strings(TsCtx *ex, TxStr name, TSNode obj) {
  const TsSyms *s = ex->sy;
  TsKids kids;
  TSNode p;
  tx_ts_kids_begin(&kids, obj);
  while (tx_ts_kids_next(&kids, &p)) {
    if (tx_ts_sym(p) != s->pair)
      continue;
    bool known;
    TxStr v = tx_ts_static_string(ex, tx_ts_field(p, s->f_value), &known);
    TxStr key = tx_ts_text(ex, tx_ts_field(p, s->f_key));
    if (known && key.len)
      bind_string(
          ex, tx_arena_printf(&ex->f->arena, "%.*s.%.*s", TX_STR_ARG(name), TX_STR_ARG(key)), v);
  }
  tx_ts_kids_end(&kids);
}

// Whether a node whose text is `text` can hold a type naming a client: a short text is
// searched instead of looking the type up.
static bool may_name_client(TxStr text) {
  return text.len > 256 || tx_ts_contains_nocase(text, "supabase");
}

// --- clients in objects: `return { supabase, user }`, `const { service } = await auth()` ----

// The function whose result `v` is (`await requireAuth(req)`, `getContext()`) when it is called
// by name, or the object bound to one (`auth` of `const auth = await requireAuth(req)`): its
// client properties are "name.property" (bound here for a function of this file, exported for
// others, ts_finish.c). `*import` is the import the name came through, else TX_NONE. Empty
// when `v` is neither.
static TxStr result_source(const TsCtx *ex, TSNode v, uint32_t *import) {
  const TsSyms *s = ex->sy;
  *import = TX_NONE;
  v = tx_ts_unwrap(ex, v);
  if (tx_ts_sym(v) == s->identifier) {
    const Binding *svc = tx_ts_bind_get(&ex->binds, tx_ts_text(ex, v), BIND_SERVICE);
    if (!svc || !svc->str.len)
      return (TxStr){"", 0};
    *import = svc->value;
    return svc->str;
  }
  if (tx_ts_sym(v) != s->call_expression)
    return (TxStr){"", 0};
  TSNode fn = tx_ts_unwrap(ex, tx_ts_field(v, s->f_function));
  if (tx_ts_sym(fn) != s->identifier)
    return (TxStr){"", 0};
  TxStr name = tx_ts_text(ex, fn);
  const Binding *imp = tx_ts_bind_get(&ex->binds, name, BIND_IMPORT);
  if (imp)
    *import = imp->value;
  return name;
}

// Binds `local` to property `key` of the result of `source`: a client when the function, of
// this file, returns one there; when it is imported, a client the link stage confirms in the
// module (TxFact.client_member).
static void bind_result_property(TsCtx *ex, TxStr source, uint32_t import, TxStr key, TxStr local) {
  if (import == TX_NONE) {
    TxStr qualified =
        tx_arena_printf(&ex->f->arena, "%.*s.%.*s", TX_STR_ARG(source), TX_STR_ARG(key));
    const Binding *b = tx_ts_bind_get(&ex->binds, qualified, BIND_CLIENT);
    if (b) {
      Binding copy = *b;
      copy.name = local;
      tx_ts_bind_put(&ex->binds, &copy);
    }
    return;
  }
  // A name saying supabase is a client already (ts_chain.c); the link stage is not asked,
  // so a helper module it cannot read does not drop it.
  if (tx_ts_contains_nocase(local, "supabase"))
    return;
  Binding b = {local, BIND_CLIENT, TX_CLIENT_UNKNOWN, TX_NONE, 0, key, import};
  tx_ts_bind_put(&ex->binds, &b);
}

enum { MAX_DESTRUCTURED = 64 }; // properties of one pattern or object looked at, at most

// `const { supabase: db, user } = await requireAuth(req)` / `const { service } = auth`.
static void visit_destructuring(TsCtx *ex, TSNode pat, TSNode value) {
  const TsSyms *s = ex->sy;
  uint32_t import;
  TxStr source = result_source(ex, value, &import);
  if (!source.len)
    return;
  uint32_t n = tx_ts_named_count(pat);
  for (uint32_t i = 0; i < n && i < MAX_DESTRUCTURED; i++) {
    TSNode p = tx_ts_named_child(pat, i);
    TSSymbol k = tx_ts_sym(p);
    if (k == s->shorthand_property_identifier_pattern) {
      bind_result_property(ex, source, import, tx_ts_text(ex, p), tx_ts_text(ex, p));
    } else if (k == s->pair_pattern) {
      TSNode key = tx_ts_field(p, s->f_key);
      TSNode local = tx_ts_field(p, s->f_value);
      if (tx_ts_sym(key) == s->property_identifier && tx_ts_sym(local) == s->identifier)
        bind_result_property(ex, source, import, tx_ts_text(ex, key), tx_ts_text(ex, local));
    }
  }
}

void tx_ts_visit_declarator(TsCtx *ex, TSNode n, TSNode name, TSNode value) {
  const TsSyms *s = ex->sy;
  if (tx_ts_sym(name) == s->object_pattern && !tx_ts_null(value)) {
    visit_destructuring(ex, name, value);
    return;
  }
  if (tx_ts_sym(name) != s->identifier)
    return;
  // `const auth = await requireAuth(req)`: its properties may be clients (`auth.service`).
  uint32_t result_import;
  TxStr source = tx_ts_null(value) ? (TxStr){"", 0} : result_source(ex, value, &result_import);
  if (source.len) {
    Binding b = {tx_ts_text(ex, name), BIND_SERVICE, result_import, TX_NONE, 0, source, TX_NONE};
    tx_ts_bind_put(&ex->binds, &b);
  }
  TxStr head = tx_ts_text(ex, n); // `x: T`, before the value
  if (!tx_ts_null(value))
    head.len = tx_ts_start(value) - tx_ts_start(n);
  TSNode type = may_name_client(head) ? tx_ts_field(n, s->f_type) : (TSNode){0};
  TxStr id = tx_ts_text(ex, name);
  uint32_t import = TX_NONE;
  TxStr schema;
  uint32_t type_import;
  if (tx_ts_type_is_client(ex, type, &type_import)) {
    bind_client(ex, id, type_import, value);
  } else if (!tx_ts_null(value) && tx_ts_is_client(ex, value, &import, &schema)) {
    bind_client(ex, id, import, value);
  }
  tx_ts_note_key(ex, id, value);
  if (tx_ts_null(value))
    return;
  TSNode v = tx_ts_unwrap(ex, value);
  bool known;
  TxStr str = tx_ts_static_string(ex, v, &known);
  if (known)
    bind_string(ex, id, str);
  else if (tx_ts_sym(v) == s->object)
    bind_object_strings(ex, id, v);
  // const db = require('./db')  /  const { db } = require('./db') are handled as imports.
}

// constructor(private db: SupabaseClient) also declares this.db, and so does
// `@Inject(DB) readonly db: SupabaseClient`: a modifier stands before the name.
static bool is_parameter_property(const TsCtx *ex, TSNode n, TSNode pat) {
  const TsSyms *s = ex->sy;
  uint32_t count = tx_ts_child_count(n);
  for (uint32_t i = 0; i < count; i++) {
    TSNode part = tx_ts_child(n, i);
    if (ts_node_eq(part, pat))
      break;
    TSSymbol k = tx_ts_sym(part);
    if (k == s->accessibility_modifier || k == s->override_modifier || k == s->readonly_)
      return true;
  }
  return false;
}

// A decorator of parameter `n` naming supabase (`@InjectSupabase() db: any`,
// `@Inject(SUPABASE_CLIENT) db`): the framework hands it a client.
static bool has_client_decorator(const TsCtx *ex, TSNode n) {
  uint32_t count = tx_ts_named_count(n);
  for (uint32_t i = 0; i < count; i++) {
    TSNode part = tx_ts_named_child(n, i);
    if (strcmp(tx_ts_type(part), "decorator") == 0 &&
        tx_ts_contains_nocase(tx_ts_text(ex, part), "supabase"))
      return true;
  }
  return false;
}

// `db: DatabaseService` with DatabaseService imported: the import index, else TX_NONE. Its
// members may be clients (`this.db.getAdminClient()`), which the link stage checks in the
// class's module.
static uint32_t service_import(const TsCtx *ex, TSNode type) {
  const TsSyms *s = ex->sy;
  TSNode t = tx_ts_named_child(type, 0); // the type annotation's type
  if (tx_ts_sym(t) != s->type_identifier)
    return TX_NONE;
  const Binding *imp = tx_ts_bind_get(&ex->binds, tx_ts_text(ex, t), BIND_IMPORT);
  return imp ? imp->value : TX_NONE;
}

static void bind_service(TsCtx *ex, TxStr name, uint32_t import) {
  Binding b = {name, BIND_SERVICE, import, TX_NONE, 0, {"", 0}, TX_NONE};
  tx_ts_bind_put(&ex->binds, &b);
}

void tx_ts_visit_parameter(TsCtx *ex, uint32_t depth) {
  const TsSyms *s = ex->sy;
  const TsFrame *fr = &ex->frames.items[depth];
  TSNode n = fr->node;
  TSNode pat = tx_ts_field(n, s->f_pattern);
  if (tx_ts_null(pat) || tx_ts_sym(pat) != s->identifier)
    return;
  TSNode type = tx_ts_field(n, s->f_type);
  TxStr name = tx_ts_text(ex, pat);
  bool property = is_parameter_property(ex, n, pat);
  uint32_t service = tx_ts_null(type) ? TX_NONE : service_import(ex, type);
  if (service != TX_NONE) {
    bind_service(ex, name, service);
    if (property)
      bind_service(ex, tx_arena_printf(&ex->f->arena, "this.%.*s", TX_STR_ARG(name)), service);
  }
  if (!may_name_client(tx_ts_text(ex, n)) && !tx_str_contains(tx_ts_text(ex, type), "ReturnType"))
    return;
  uint32_t import;
  if (!tx_ts_type_is_client(ex, type, &import)) {
    if (!has_client_decorator(ex, n))
      return;
    import = TX_NONE;
  }
  bind_client(ex, name, import, (TSNode){0});
  if (property)
    bind_member_client(ex, fr->st.class_name, name, import, (TSNode){0});
}

void tx_ts_visit_field(TsCtx *ex, uint32_t depth) {
  const TsSyms *s = ex->sy;
  const TsFrame *fr = &ex->frames.items[depth];
  TSNode n = fr->node;
  TSNode name = tx_ts_field(n, s->f_name);
  TSNode type = tx_ts_field(n, s->f_type);
  TSNode value = tx_ts_field(n, s->f_value);
  uint32_t import = TX_NONE;
  TxStr schema;
  if (tx_ts_type_is_client(ex, type, &import) ||
      (!tx_ts_null(value) && tx_ts_is_client(ex, value, &import, &schema)))
    bind_member_client(ex, fr->st.class_name, tx_ts_text(ex, name), import, value);
}

void tx_ts_visit_assignment(TsCtx *ex, uint32_t depth) {
  const TsSyms *s = ex->sy;
  const TsFrame *fr = &ex->frames.items[depth];
  TSNode left = tx_ts_field(fr->node, s->f_left);
  TSNode right = tx_ts_field(fr->node, s->f_right);
  uint32_t import = TX_NONE;
  TxStr schema;
  TSSymbol k = tx_ts_sym(left);
  if ((k != s->identifier && k != s->member_expression) || tx_ts_null(right) ||
      !tx_ts_is_client(ex, right, &import, &schema))
    return;
  bind_client(ex, tx_ts_text(ex, left), import, right);
  // `this.admin = createClient(...)` in a method of class Db: also "Db.admin".
  TSNode obj = tx_ts_field(left, s->f_object);
  TxStr cls = fr->st.class_name;
  if (k == s->member_expression && tx_ts_sym(obj) == s->this_ && cls.len &&
      !tx_name_is_made_up(cls))
    bind_client(ex,
                tx_arena_printf(&ex->f->arena, "%.*s.%.*s", TX_STR_ARG(cls),
                                TX_STR_ARG(tx_ts_text(ex, tx_ts_field(left, s->f_property)))),
                import, right);
}

// `return { supabase, user }` in function `fn`: its client properties become "fn.supabase"
// (exported with the function, ts_finish.c).
static void bind_returned_object(TsCtx *ex, TxStr fn, TSNode obj) {
  const TsSyms *s = ex->sy;
  uint32_t n = tx_ts_named_count(obj);
  for (uint32_t i = 0; i < n && i < MAX_DESTRUCTURED; i++) {
    TSNode p = tx_ts_named_child(obj, i);
    TSSymbol k = tx_ts_sym(p);
    TxStr key;
    TSNode v = {0};
    uint32_t import = TX_NONE;
    TxStr schema;
    bool client;
    if (k == s->shorthand_property_identifier) {
      key = tx_ts_text(ex, p);
      const Binding *b = tx_ts_bind_get(&ex->binds, key, BIND_CLIENT);
      client = b || tx_ts_contains_nocase(key, "supabase");
      if (b) {
        Binding copy = *b;
        copy.name = tx_arena_printf(&ex->f->arena, "%.*s.%.*s", TX_STR_ARG(fn), TX_STR_ARG(key));
        tx_ts_bind_put(&ex->binds, &copy);
        continue;
      }
    } else if (k == s->pair && tx_ts_sym(tx_ts_field(p, s->f_key)) == s->property_identifier) {
      key = tx_ts_text(ex, tx_ts_field(p, s->f_key));
      v = tx_ts_field(p, s->f_value);
      client = tx_ts_is_client(ex, v, &import, &schema);
    } else {
      continue;
    }
    if (client)
      bind_client(ex, tx_arena_printf(&ex->f->arena, "%.*s.%.*s", TX_STR_ARG(fn), TX_STR_ARG(key)),
                  import, v);
  }
}

void tx_ts_visit_return(TsCtx *ex, uint32_t depth) {
  const TsFrame *fr = &ex->frames.items[depth];
  TSNode value = tx_ts_named_child(fr->node, 0);
  if (tx_ts_null(value) || fr->st.fn == TX_NONE)
    return;
  uint32_t import = TX_NONE;
  TxStr schema;
  const TxFunction *fn = &ex->fns.items[fr->st.fn];
  TSNode obj = tx_ts_unwrap(ex, value);
  if (tx_ts_sym(obj) == ex->sy->object && fn->name.len && !tx_name_is_made_up(fn->name)) {
    bind_returned_object(ex, fn->name, obj);
    return;
  }
  if (fn->name.len && !tx_name_is_made_up(fn->name) &&
      tx_ts_is_client(ex, value, &import, &schema)) {
    // A return type naming a client (ts_functions.c) stays certain whatever the body returns.
    const Binding *typed = tx_ts_bind_get(&ex->binds, fn->name, BIND_CLIENT_FN);
    Binding b = {fn->name, BIND_CLIENT_FN, 0, TX_NONE, 0, {"", 0}, import};
    if (typed && typed->import_via == TX_NONE)
      b.import_via = TX_NONE;
    tx_ts_bind_kind(ex, &b, value);
    tx_ts_bind_put(&ex->binds, &b);
  }
}

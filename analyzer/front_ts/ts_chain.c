// ts_chain.c: supabase-js query-builder chains -> TxFact. A chain is unwound from its
// outermost call down to the client:
//
//   await supabase.from('calls').update(v).eq('id', id)
//   call(member(call(member(call(member(supabase, from)), update)), eq))
//
// giving the method list [from, update, eq] and the client expression `supabase`. Builders
// kept in variables (`let q = db.from('t').update(v); q = q.eq(...); await q`) extend the
// fact made at their declaration.
#include <stdio.h>
#include <string.h>

#include "ir/patterns.h"
#include "ts_internal.h"

TSNode tx_ts_unwrap(const TsCtx *ex, TSNode n) {
  const TsSyms *s = ex->sy;
  for (int guard = 0; guard < 64 && !tx_ts_null(n); guard++) {
    TSSymbol k = tx_ts_sym(n);
    if (k == s->parenthesized_expression || k == s->await_expression ||
        k == s->non_null_expression || k == s->as_expression || k == s->satisfies_expression) {
      TSNode inner = tx_ts_named_child(n, 0);
      if (tx_ts_null(inner))
        break;
      n = inner;
    } else if (k == s->sequence_expression) {
      // `(0, lib.createClient)(url, key)`, as bundlers call imports: the last value.
      uint32_t count = tx_ts_named_count(n);
      if (count == 0)
        break;
      n = tx_ts_named_child(n, count - 1);
    } else {
      break;
    }
  }
  return n;
}

TxStr tx_ts_static_string(const TsCtx *ex, TSNode n, bool *known) {
  const TsSyms *s = ex->sy;
  *known = false;
  if (tx_ts_null(n))
    return (TxStr){"", 0};
  n = tx_ts_unwrap(ex, n);
  TSSymbol k = tx_ts_sym(n);
  if (k == s->string || k == s->template_string) {
    uint32_t count = tx_ts_named_count(n);
    if (count == 0) {
      *known = true;
      return (TxStr){"", 0};
    }
    TSNode frag = tx_ts_named_child(n, 0);
    if (count == 1 && tx_ts_sym(frag) == s->string_fragment) {
      *known = true;
      return tx_ts_text(ex, frag);
    }
    return (TxStr){"", 0};
  }
  if (k == s->identifier || k == s->member_expression) {
    const Binding *b = tx_ts_bind_get(&ex->binds, tx_ts_text(ex, n), BIND_STRING);
    if (b && b->kind == BIND_STRING) {
      *known = true;
      return b->str;
    }
  }
  return (TxStr){"", 0};
}

static bool is_blank_char(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static bool is_word_char(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
         ch == '_' || ch == '$';
}

bool tx_ts_contains_nocase(TxStr s, const char *needle) {
  size_t n = strlen(needle);
  for (uint32_t i = 0; i + n <= s.len; i++) {
    size_t k = 0;
    while (k < n && (s.ptr[i + k] | 0x20) == needle[k])
      k++;
    if (k == n)
      return true;
  }
  return false;
}

static bool name_is_factory(const TsCtx *ex, TxStr name);

enum { TYPE_TEXT_MAX = 256 }; // longer type texts are not searched for `ReturnType<typeof f>`

// `ReturnType<typeof f>` (blanks allowed) anywhere in `t`: the name `f`, else empty.
static TxStr return_type_of(TxStr t) {
  static const char head[] = "ReturnType<typeof";
  uint32_t n = sizeof head - 1;
  for (uint32_t i = 0; t.len <= TYPE_TEXT_MAX && i + n < t.len; i++) {
    if (memcmp(t.ptr + i, head, n) != 0)
      continue;
    uint32_t k = i + n;
    while (k < t.len && is_blank_char(t.ptr[k]))
      k++;
    uint32_t start = k;
    while (k < t.len && (is_word_char(t.ptr[k])))
      k++;
    if (k > start)
      return tx_str_n(t.ptr + start, k - start);
  }
  return (TxStr){"", 0};
}

bool tx_ts_type_is_client(const TsCtx *ex, TSNode type, uint32_t *import) {
  if (import)
    *import = TX_NONE;
  if (tx_ts_null(type))
    return false;
  TxStr t = tx_ts_text(ex, type);
  if (tx_ts_contains_nocase(t, "supabase"))
    return true;
  TxStr f = return_type_of(t);
  if (!f.len)
    return false;
  if (name_is_factory(ex, f) || tx_ts_bind_get(&ex->binds, f, BIND_CLIENT_FN))
    return true;
  // `ReturnType<typeof getAdmin>` with getAdmin imported: true when the link stage finds the
  // module exports it as a client (TxFact.client_import).
  const Binding *imp = tx_ts_bind_get(&ex->binds, f, BIND_IMPORT);
  if (imp && import) {
    *import = imp->value;
    return true;
  }
  return false;
}

// Text of a callee with calls in the middle shown as "()" and `?.` as `.`:
// a.b?.c -> "a.b.c"; a.from('x').update -> "a.from().update". Long or odd callees are
// cut at 200 bytes. This is the reference version, reading the tree.
static size_t callee_text_tree(TsCtx *ex, TSNode fn, char *buf) {
  const TsSyms *s = ex->sy;
  TxStr parts[32];
  int n = 0;
  TSNode cur = fn;
  while (n < 31 && !tx_ts_null(cur)) {
    cur = tx_ts_unwrap(ex, cur);
    TSSymbol k = tx_ts_sym(cur);
    if (k == s->member_expression) {
      parts[n++] = tx_ts_text(ex, tx_ts_field(cur, s->f_property));
      cur = tx_ts_field(cur, s->f_object);
    } else if (k == s->call_expression) {
      parts[n++] = TX_STR_LIT("()");
      cur = tx_ts_field(cur, s->f_function);
    } else {
      TxStr t = tx_ts_text(ex, cur);
      parts[n++] = (k == s->identifier || k == s->this_) ? t : TX_STR_LIT("?");
      break;
    }
  }
  size_t len = 0;
  for (int i = n - 1; i >= 0 && len < 200; i--) {
    bool call = parts[i].len == 2 && memcmp(parts[i].ptr, "()", 2) == 0;
    if (i != n - 1 && !call && len < 255)
      buf[len++] = '.';
    size_t m = parts[i].len;
    if (len + m > 200)
      m = 200 - len;
    memcpy(buf + len, parts[i].ptr, m);
    len += m;
  }
  return len;
}

static bool is_ident_start(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' || ch == '$';
}

static bool is_ident_char(char ch) {
  return is_ident_start(ch) || (ch >= '0' && ch <= '9');
}

static bool is_blank(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

// Skips the argument list opening at t[i] == '(' with its nested brackets and quoted
// strings. Returns the index after the closing ')', or 0 for anything it does not know
// (template literals, comments, regular expressions, JSX or type arguments, unbalanced text).
static uint32_t skip_args(const char *t, uint32_t i, uint32_t len) {
  uint32_t depth = 0;
  for (; i < len; i++) {
    char ch = t[i];
    if (ch == '(' || ch == '[' || ch == '{') {
      depth++;
    } else if (ch == ')' || ch == ']' || ch == '}') {
      if (depth-- == 0)
        return 0;
      if (depth == 0)
        return ch == ')' ? i + 1 : 0;
    } else if (ch == '\'' || ch == '"') {
      for (i++; i < len && t[i] != ch; i++) {
        if (t[i] == '\\')
          i++;
        else if (t[i] == '\n')
          return 0;
      }
      if (i >= len)
        return 0;
    } else if (ch == '`' || ch == '/' || ch == '<') {
      return 0; // templates, comments, regular expressions, JSX, type arguments
    }
  }
  return 0;
}

// The same text read straight from the source, for the callees nearly all code writes:
// identifiers joined by `.` or `?.`, with argument lists of inner calls, blanks between the
// parts. Anything else (brackets, `!`, parentheses around a part, type arguments, comments,
// keywords such as `super`, non-ASCII names) returns false, and the tree decides.
static bool callee_text_scan(TxStr text, char *buf, size_t *out) {
  const char *t = text.ptr;
  uint32_t len = text.len, i = 0, parts = 0;
  size_t n = 0;
  bool want_name = true;
  while (i < len) {
    if (want_name) {
      if (!is_ident_start(t[i]))
        return false;
      uint32_t start = i;
      while (i < len && is_ident_char(t[i]))
        i++;
      if (parts == 0) {
        TxStr w = tx_str_n(t + start, i - start);
        // Words tree-sitter does not read as an identifier here.
        if (tx_str_eq_c(w, "super") || tx_str_eq_c(w, "import") || tx_str_eq_c(w, "new") ||
            tx_str_eq_c(w, "true") || tx_str_eq_c(w, "false") || tx_str_eq_c(w, "null") ||
            tx_str_eq_c(w, "undefined") || tx_str_eq_c(w, "typeof") || tx_str_eq_c(w, "void") ||
            tx_str_eq_c(w, "delete") || tx_str_eq_c(w, "await") || tx_str_eq_c(w, "yield") ||
            tx_str_eq_c(w, "async") || tx_str_eq_c(w, "function") || tx_str_eq_c(w, "class"))
          return false;
      } else {
        buf[n++] = '.';
      }
      if (n + (i - start) > TX_TS_CALLEE_WHOLE)
        return false;
      memcpy(buf + n, t + start, i - start);
      n += i - start;
      parts++;
      want_name = false;
      continue;
    }
    while (i < len && is_blank(t[i]))
      i++;
    if (i >= len)
      break;
    bool optional = t[i] == '?' && i + 1 < len && t[i + 1] == '.';
    if (optional)
      i += 2;
    while (i < len && is_blank(t[i]))
      i++;
    if (i < len && t[i] == '(') {
      i = skip_args(t, i, len);
      if (i == 0 || n + 2 > TX_TS_CALLEE_WHOLE)
        return false;
      buf[n++] = '(';
      buf[n++] = ')';
      parts++;
    } else if (optional) {
      want_name = true;
    } else if (i < len && t[i] == '.') {
      i++;
      while (i < len && is_blank(t[i]))
        i++;
      want_name = true;
    } else {
      return false;
    }
    if (parts >= 30)
      return false;
  }
  if (want_name)
    return false;
  *out = n;
  return true;
}

TxStr tx_ts_callee_text(TsCtx *ex, TSNode fn, TxArena *a) {
  char buf[256];
  size_t len;
  if (!callee_text_scan(tx_ts_text(ex, fn), buf, &len))
    len = callee_text_tree(ex, fn, buf);
  return tx_arena_str(a, buf, len);
}

int tx_ts_callee_text_check(TsCtx *ex, TSNode fn) {
  char a[256], b[256];
  size_t na, nb = callee_text_tree(ex, fn, b);
  if (!callee_text_scan(tx_ts_text(ex, fn), a, &na))
    return 0;
  return na == nb && memcmp(a, b, na) == 0 ? 1 : -1;
}

static bool name_is_factory(const TsCtx *ex, TxStr name) {
  return tx_strlist_has(&ex->cfg->client_factories, name);
}

// The service binding of the object of member expression `m` (`this.db` of `this.db.client`).
static const Binding *service_of(const TsCtx *ex, TSNode m) {
  TSNode obj = tx_ts_unwrap(ex, tx_ts_field(m, ex->sy->f_object));
  TSSymbol k = tx_ts_sym(obj);
  if (k != ex->sy->identifier && k != ex->sy->member_expression)
    return NULL;
  return tx_ts_bind_get(&ex->binds, tx_ts_text(ex, obj), BIND_SERVICE);
}

// Whether member `prop` of the object bound by service binding `svc` can be a client: of an
// imported class or function, the link stage decides (`*import` set); of a function of this
// file (`const auth = await requireAuth(req)`), its "requireAuth.prop" client property does.
static bool service_member(const TsCtx *ex, const Binding *svc, TxStr prop, uint32_t *import) {
  if (svc->value != TX_NONE) {
    *import = svc->value;
    return true;
  }
  char buf[256];
  int n = snprintf(buf, sizeof buf, "%.*s.%.*s", TX_STR_ARG(svc->str), TX_STR_ARG(prop));
  if (n < 0 || (size_t)n >= sizeof buf)
    return false;
  const Binding *b = tx_ts_bind_get(&ex->binds, tx_str_n(buf, (size_t)n), BIND_CLIENT);
  if (b)
    *import = b->import_via;
  return b != NULL;
}

TxStr tx_ts_client_member(const TsCtx *ex, TSNode n, uint32_t *import) {
  const TsSyms *s = ex->sy;
  *import = TX_NONE;
  n = tx_ts_unwrap(ex, n);
  TSSymbol k = tx_ts_sym(n);
  if (k == s->call_expression) {
    n = tx_ts_unwrap(ex, tx_ts_field(n, s->f_function));
    k = tx_ts_sym(n);
    if (k != s->member_expression)
      return (TxStr){"", 0};
  }
  if (k == s->member_expression) {
    const Binding *svc = service_of(ex, n);
    if (svc && svc->value != TX_NONE) { // a local function's result is settled here
      *import = svc->value;
      return tx_ts_text(ex, tx_ts_field(n, s->f_property));
    }
  }
  if (k != s->identifier && k != s->member_expression)
    return (TxStr){"", 0};
  const Binding *b = tx_ts_bind_get(&ex->binds, tx_ts_text(ex, n), BIND_CLIENT);
  if (!b || !b->str.len)
    return (TxStr){"", 0};
  *import = b->import_via;
  return b->str;
}

bool tx_ts_is_client(const TsCtx *ex, TSNode n, uint32_t *import, TxStr *schema) {
  const TsSyms *s = ex->sy;
  *import = TX_NONE;
  n = tx_ts_unwrap(ex, n);
  if (tx_ts_null(n))
    return false;
  TSSymbol k = tx_ts_sym(n);
  TxStr text = tx_ts_text(ex, n);
  if (k == s->identifier) {
    const Binding *b = tx_ts_bind_get(&ex->binds, text, BIND_CLIENT);
    if (b) {
      *import = b->import_via;
      return true;
    }
    const Binding *imp = tx_ts_bind_get(&ex->binds, text, BIND_IMPORT);
    if (tx_ts_contains_nocase(text, "supabase"))
      return true;
    if (imp) {
      *import = imp->value;
      return true;
    }
    return false;
  }
  if (k == s->member_expression) {
    TxStr prop = tx_ts_text(ex, tx_ts_field(n, s->f_property));
    if (tx_ts_contains_nocase(prop, "supabase"))
      return true;
    // `this.db = makeDb()` with makeDb imported: the link stage checks the import.
    const Binding *b = tx_ts_bind_get(&ex->binds, text, BIND_CLIENT);
    if (b) {
      *import = b->import_via;
      return true;
    }
    // `this.db.client` of an injected service: the link stage checks the service's class;
    // `auth.service` of a helper's result: the helper's module does.
    const Binding *svc = service_of(ex, n);
    return svc && service_member(ex, svc, prop, import);
  }
  if (k != s->call_expression)
    return false;
  TSNode fn = tx_ts_unwrap(ex, tx_ts_field(n, s->f_function));
  TSSymbol fk = tx_ts_sym(fn);
  if (fk == s->identifier) {
    TxStr name = tx_ts_text(ex, fn);
    if (name_is_factory(ex, name) || tx_ts_contains_nocase(name, "supabase") ||
        tx_ts_bind_get(&ex->binds, name, BIND_CLIENT_FN))
      return true;
    // getAdmin() imported from another module: the link stage checks that module.
    const Binding *imp = tx_ts_bind_get(&ex->binds, name, BIND_IMPORT);
    if (imp) {
      *import = imp->value;
      return true;
    }
    return false;
  }
  if (fk != s->member_expression)
    return false;
  TxStr method = tx_ts_text(ex, tx_ts_field(fn, s->f_property));
  bool known;
  if (tx_str_eq_c(method, "schema")) {
    TSNode args = tx_ts_field(n, s->f_arguments);
    TSNode obj = tx_ts_field(fn, s->f_object);
    TxStr sc = tx_ts_static_string(ex, tx_ts_named_child(args, 0), &known);
    if (!tx_ts_is_client(ex, obj, import, schema))
      return false;
    *schema = sc;
    return true;
  }
  // Hono and friends: c.get('supabase'), c.var.supabase is handled as a member above.
  if (tx_str_eq_c(method, "get")) {
    TSNode args = tx_ts_field(n, s->f_arguments);
    TxStr key = tx_ts_static_string(ex, tx_ts_named_child(args, 0), &known);
    return known && tx_ts_contains_nocase(key, "supabase");
  }
  if (name_is_factory(ex, method) || tx_ts_contains_nocase(method, "supabase"))
    return true;
  // `this.db.getAdminClient()` of an injected service: the link stage checks the method.
  const Binding *svc = service_of(ex, fn);
  if (svc && svc->value != TX_NONE)
    *import = svc->value;
  return svc && svc->value != TX_NONE;
}

// The index of `name` among the parameters of function `fn`, when it is one (a plain
// identifier parameter), else TX_NONE.
static uint32_t param_index(const TsCtx *ex, uint32_t fn, TxStr name) {
  const TsSyms *s = ex->sy;
  if (fn >= ex->fn_nodes.count)
    return TX_NONE;
  TSNode params = tx_ts_field(ex->fn_nodes.items[fn], s->f_parameters);
  uint32_t n = tx_ts_named_count(params), pos = 0;
  for (uint32_t i = 0; i < n && i < 4 * TX_CALL_CLIENT_ARGS && pos < TX_CALL_CLIENT_ARGS; i++) {
    TSNode p = tx_ts_named_child(params, i);
    if (tx_ts_sym(p) == s->comment)
      continue;
    TSNode pat = tx_ts_field(p, s->f_pattern);
    if (tx_ts_sym(pat) == s->identifier && tx_str_eq(tx_ts_text(ex, pat), name))
      return pos;
    pos++;
  }
  return TX_NONE;
}

// One method call of a chain.
typedef struct Link {
  TxStr name;
  TSNode call, prop, args, object;
} Link;

enum { MAX_LINKS = 64 };

// Unwinds the chain ending at `call` into links, innermost first. Returns the count.
static uint32_t unwind(const TsCtx *ex, TSNode call, Link *out) {
  const TsSyms *s = ex->sy;
  Link rev[MAX_LINKS];
  uint32_t n = 0;
  TSNode cur = call;
  while (n < MAX_LINKS && tx_ts_sym(cur) == s->call_expression) {
    TSNode fn = tx_ts_field(cur, s->f_function);
    if (tx_ts_sym(fn) != s->member_expression)
      break;
    TSNode prop = tx_ts_field(fn, s->f_property);
    rev[n].name = tx_ts_text(ex, prop);
    rev[n].call = cur;
    rev[n].prop = prop;
    rev[n].args = tx_ts_field(cur, s->f_arguments);
    rev[n].object = tx_ts_field(fn, s->f_object);
    n++;
    cur = tx_ts_unwrap(ex, rev[n - 1].object);
  }
  for (uint32_t i = 0; i < n; i++)
    out[i] = rev[n - 1 - i];
  return n;
}

static int op_of(TxStr m) {
  static const struct {
    const char *name;
    TxOp op;
  } ops[] = {{"select", TX_OP_SELECT},
             {"insert", TX_OP_INSERT},
             {"upsert", TX_OP_UPSERT},
             {"update", TX_OP_UPDATE},
             {"delete", TX_OP_DELETE}};
  for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
    if (tx_str_eq_c(m, ops[i].name))
      return (int)ops[i].op;
  }
  return -1;
}

static bool is_filter_method(TxStr m) {
  static const char *const names[] = {"eq",
                                      "neq",
                                      "gt",
                                      "gte",
                                      "lt",
                                      "lte",
                                      "like",
                                      "ilike",
                                      "is",
                                      "in",
                                      "contains",
                                      "containedBy",
                                      "overlaps",
                                      "textSearch",
                                      "likeAllOf",
                                      "likeAnyOf",
                                      "ilikeAllOf",
                                      "ilikeAnyOf",
                                      "rangeGt",
                                      "rangeGte",
                                      "rangeLt",
                                      "rangeLte",
                                      "rangeAdjacent",
                                      "not"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    if (tx_str_eq_c(m, names[i]))
      return true;
  }
  return false;
}

typedef TX_ARRAY(TxFilter) FilterList;

static void add_filter(TsCtx *ex, FilterList *fl, TxStr col, TxStr op, TxStr method, TSNode at,
                       bool conditional) {
  TxFilter f = {col, op, method, tx_ts_span(ex, at), conditional, 0};
  TX_ARRAY_PUSH(fl, f);
}

static bool param_filter(TsCtx *ex, const Link *l, FilterList *fl, bool conditional, uint32_t fn);

// Reads the filters of one link, in function `fn`. Sets *unknown when a filter cannot be read
// statically.
static void read_filter(TsCtx *ex, const Link *l, FilterList *fl, bool conditional, uint32_t fn,
                        bool *unknown) {
  const TsSyms *s = ex->sy;
  TSNode a0 = tx_ts_named_child(l->args, 0);
  bool known;
  if (is_filter_method(l->name)) {
    TxStr col = tx_ts_static_string(ex, a0, &known);
    if (!known) {
      *unknown = !param_filter(ex, l, fl, conditional, fn) || *unknown;
      return;
    }
    add_filter(ex, fl, col, l->name, l->name, l->call, conditional);
  } else if (tx_str_eq_c(l->name, "filter")) {
    TxStr col = tx_ts_static_string(ex, a0, &known);
    bool op_known;
    TxStr op = tx_ts_static_string(ex, tx_ts_named_child(l->args, 1), &op_known);
    if (!known) {
      *unknown = !param_filter(ex, l, fl, conditional, fn) || *unknown;
      return;
    }
    add_filter(ex, fl, col, op_known ? op : TX_STR_LIT("unknown"), l->name, l->call, conditional);
  } else if (tx_str_eq_c(l->name, "match")) {
    TSNode obj = tx_ts_unwrap(ex, a0);
    if (tx_ts_null(obj) || tx_ts_sym(obj) != s->object) {
      *unknown = true;
      return;
    }
    uint32_t n = tx_ts_named_count(obj);
    for (uint32_t i = 0; i < n; i++) {
      TSNode p = tx_ts_named_child(obj, i);
      TSSymbol k = tx_ts_sym(p);
      if (k == s->shorthand_property_identifier) {
        add_filter(ex, fl, tx_ts_text(ex, p), TX_STR_LIT("eq"), l->name, l->call, conditional);
      } else if (k == s->pair) {
        TSNode key = tx_ts_field(p, s->f_key);
        bool plain = tx_ts_sym(key) == s->property_identifier;
        known = plain;
        TxStr name = plain ? tx_ts_text(ex, key) : tx_ts_static_string(ex, key, &known);
        if (!known) {
          *unknown = true;
          continue;
        }
        add_filter(ex, fl, name, TX_STR_LIT("eq"), l->name, l->call, conditional);
      } else if (k != s->comment) {
        *unknown = true; // spread, computed key
      }
    }
  } else if (tx_str_eq_c(l->name, "or")) {
    *unknown = true; // a PostgREST expression string; see the rule's Limits
  }
}

// Names of an object literal argument of .rpc().
static void read_rpc_args(TsCtx *ex, TSNode a1, TxFact *x) {
  const TsSyms *s = ex->sy;
  x->has_args = !tx_ts_null(a1);
  if (!x->has_args)
    return;
  TSNode obj = tx_ts_unwrap(ex, a1);
  if (tx_ts_sym(obj) != s->object) {
    x->args_unknown = true;
    return;
  }
  uint32_t n = tx_ts_named_count(obj);
  TxRpcArg *args = TX_ARENA_ARRAY(&ex->f->arena, TxRpcArg, n ? n : 1);
  uint32_t m = 0;
  bool known;
  for (uint32_t i = 0; i < n; i++) {
    TSNode p = tx_ts_named_child(obj, i);
    TSSymbol k = tx_ts_sym(p);
    if (k == s->shorthand_property_identifier) {
      args[m++] = (TxRpcArg){tx_ts_text(ex, p), tx_ts_span(ex, p)};
    } else if (k == s->pair) {
      TSNode key = tx_ts_field(p, s->f_key);
      bool plain = tx_ts_sym(key) == s->property_identifier;
      known = plain;
      TxStr name = plain ? tx_ts_text(ex, key) : tx_ts_static_string(ex, key, &known);
      if (!known)
        x->args_unknown = true;
      else
        args[m++] = (TxRpcArg){name, tx_ts_span(ex, key)};
    } else if (k != s->comment) {
      x->args_unknown = true;
    }
  }
  x->args = args;
  x->arg_count = m;
}

static TxStr chain_text(TsCtx *ex, const Link *links, uint32_t from, uint32_t n) {
  char buf[512];
  size_t len = 0;
  for (uint32_t i = from; i < n && len + links[i].name.len + 4 < sizeof buf; i++) {
    if (i > from)
      buf[len++] = '.';
    memcpy(buf + len, links[i].name.ptr, links[i].name.len);
    len += links[i].name.len;
    buf[len++] = '(';
    buf[len++] = ')';
  }
  return tx_arena_str(&ex->f->arena, buf, len);
}

static TxSpan op_span(const TsCtx *ex, const Link *l) {
  return (TxSpan){ex->f->id, tx_ts_start(l->prop), tx_ts_end(l->call)};
}

// The options of `.upsert(rows, { onConflict: 'event_id', ignoreDuplicates: true })`.
static void read_upsert_options(TsCtx *ex, TSNode a1, TxFact *x) {
  const TsSyms *s = ex->sy;
  if (tx_ts_null(a1))
    return; // the defaults: the primary key, overwriting
  TSNode obj = tx_ts_unwrap(ex, a1);
  if (tx_ts_sym(obj) != s->object) {
    x->upsert_options_unknown = true;
    return;
  }
  uint32_t n = tx_ts_named_count(obj);
  for (uint32_t i = 0; i < n; i++) {
    TSNode p = tx_ts_named_child(obj, i);
    TSSymbol k = tx_ts_sym(p);
    if (k == s->comment)
      continue;
    TSNode key = tx_ts_field(p, s->f_key);
    if (k != s->pair || tx_ts_sym(key) != s->property_identifier) {
      x->upsert_options_unknown = true; // spread, shorthand, computed key
      continue;
    }
    TxStr name = tx_ts_text(ex, key);
    TSNode value = tx_ts_unwrap(ex, tx_ts_field(p, s->f_value));
    if (tx_str_eq_c(name, "onConflict")) {
      bool known;
      x->on_conflict = tx_ts_static_string(ex, value, &known);
      x->upsert_options_unknown |= !known;
    } else if (tx_str_eq_c(name, "ignoreDuplicates")) {
      TxStr v = tx_ts_text(ex, value);
      x->ignore_duplicates = tx_str_eq_c(v, "true");
      x->upsert_options_unknown |= !x->ignore_duplicates && !tx_str_eq_c(v, "false");
    }
  }
}

// Applies links [from, n) to fact x: operation, filters, throwOnError.
static void apply_links(TsCtx *ex, TxFact *x, const Link *links, uint32_t from, uint32_t n,
                        bool conditional) {
  FilterList fl = {0};
  for (uint32_t i = 0; i < x->filter_count; i++)
    TX_ARRAY_PUSH(&fl, x->filters[i]);
  for (uint32_t i = from; i < n; i++) {
    const Link *l = &links[i];
    int op = op_of(l->name);
    if (op >= 0 && (x->op == TX_TS_OP_PENDING || (x->op == TX_OP_SELECT && op != TX_OP_SELECT))) {
      x->op = (TxOp)op;
      x->op_span = op_span(ex, l);
      if (op == TX_OP_UPSERT)
        read_upsert_options(ex, tx_ts_named_child(l->args, 1), x);
    } else if (tx_str_eq_c(l->name, "throwOnError")) {
      x->throws_on_error = true;
    } else {
      read_filter(ex, l, &fl, conditional, x->fn, &x->filters_unknown);
    }
  }
  x->filters = TX_ARRAY_TO_ARENA(&ex->f->arena, &fl);
  x->filter_count = fl.count;
  TX_ARRAY_FREE(&fl);
}

// The variable a chain's value is stored in, when it is `const q = <chain>` or `q = <chain>`.
static TxStr stored_in(const TsCtx *ex, uint32_t depth) {
  const TsSyms *s = ex->sy;
  for (uint32_t d = depth; d > 0; d--) {
    const TsFrame *parent = &ex->frames.items[d - 1];
    const TsFrame *self = &ex->frames.items[d];
    if (parent->sym == s->variable_declarator && self->field == s->f_value) {
      TSNode name = tx_ts_field(parent->node, s->f_name);
      return tx_ts_sym(name) == s->identifier ? tx_ts_text(ex, name) : (TxStr){"", 0};
    }
    if (parent->sym == s->assignment_expression && self->field == s->f_right) {
      TSNode left = tx_ts_field(parent->node, s->f_left);
      return tx_ts_sym(left) == s->identifier ? tx_ts_text(ex, left) : (TxStr){"", 0};
    }
    if (parent->sym != s->parenthesized_expression && parent->sym != s->as_expression &&
        parent->sym != s->non_null_expression && parent->sym != s->satisfies_expression)
      return (TxStr){"", 0};
  }
  return (TxStr){"", 0};
}

// Whether the value at frames[depth] is awaited (directly or through parentheses etc.).
static bool awaited(const TsCtx *ex, uint32_t depth) {
  const TsSyms *s = ex->sy;
  for (uint32_t d = depth; d > 0; d--) {
    TSSymbol p = ex->frames.items[d - 1].sym;
    if (p == s->await_expression)
      return true;
    if (p != s->parenthesized_expression && p != s->as_expression && p != s->non_null_expression &&
        p != s->satisfies_expression)
      return false;
  }
  return false;
}

static void bind_builder(TsCtx *ex, TxStr name, uint32_t fact, uint32_t fn, uint32_t cond) {
  Binding b = {name, BIND_BUILDER, fact, fn, cond, {"", 0}, TX_NONE};
  ex->builders++;
  tx_ts_bind_put(&ex->binds, &b);
}

void tx_ts_result_names(TsCtx *ex, uint32_t depth, TxArena *a, TxStr **names, uint32_t *count,
                        bool *unused) {
  const TsSyms *s = ex->sy;
  *names = NULL;
  *count = 0;
  *unused = false;
  for (uint32_t d = depth; d > 0; d--) {
    const TsFrame *parent = &ex->frames.items[d - 1];
    TSNode target = {0};
    if (parent->sym == s->expression_statement) {
      *unused = true;
      return;
    }
    if (parent->sym == s->variable_declarator)
      target = tx_ts_field(parent->node, s->f_name);
    else if (parent->sym == s->assignment_expression)
      target = tx_ts_field(parent->node, s->f_left);
    else if (parent->sym == s->await_expression || parent->sym == s->parenthesized_expression ||
             parent->sym == s->as_expression || parent->sym == s->non_null_expression)
      continue;
    else
      return;
    if (tx_ts_null(target))
      return;
    TSSymbol k = tx_ts_sym(target);
    if (k == s->identifier) {
      *names = TX_ARENA_NEW(a, TxStr);
      (*names)[0] = tx_ts_text(ex, target);
      *count = 1;
    } else if (k == s->object_pattern) {
      uint32_t n = tx_ts_named_count(target);
      *names = TX_ARENA_ARRAY(a, TxStr, n ? n : 1);
      for (uint32_t i = 0; i < n; i++) {
        TSNode p = tx_ts_named_child(target, i);
        // The local names: `{ error }`, `{ error: insertError }`, `{ data = [] }`.
        TSNode local = p;
        if (tx_ts_sym(p) == s->pair_pattern)
          local = tx_ts_field(p, s->f_value);
        if (!tx_ts_null(local) && tx_ts_sym(local) != s->identifier &&
            tx_ts_sym(local) != s->shorthand_property_identifier_pattern)
          local = tx_ts_field(local, s->f_left);
        if (tx_ts_null(local))
          continue;
        if (tx_ts_sym(local) == s->identifier ||
            tx_ts_sym(local) == s->shorthand_property_identifier_pattern)
          (*names)[(*count)++] = tx_ts_text(ex, local);
      }
    }
    return;
  }
}

// Whether the value at frames[depth] is dropped without being awaited: a statement of its own
// (`db.from(t).insert(row);`, `void db.from(t).insert(row);`), the request left to finish on
// its own.
static bool unused_unawaited(const TsCtx *ex, uint32_t depth) {
  const TsSyms *s = ex->sy;
  for (uint32_t d = depth; d > 0; d--) {
    const TsFrame *p = &ex->frames.items[d - 1];
    if (p->sym == s->expression_statement)
      return true;
    bool is_void =
        p->sym == s->unary_expression && tx_str_starts_with(tx_ts_text(ex, p->node), "void");
    if (!is_void && p->sym != s->parenthesized_expression && p->sym != s->as_expression &&
        p->sym != s->non_null_expression && p->sym != s->satisfies_expression)
      return false;
  }
  return false;
}

static void set_results(TsCtx *ex, TxFact *x, uint32_t depth) {
  TxStr *names;
  uint32_t count;
  bool unused;
  tx_ts_result_names(ex, depth, &ex->f->arena, &names, &count, &unused);
  if (count) {
    x->result_names = names;
    x->result_name_count = count;
  }
  x->result_unused = unused;
}

// True when one of links[0..n) chooses the operation (update, delete, ...).
static bool has_op(const Link *links, uint32_t n) {
  for (uint32_t i = 0; i < n; i++) {
    if (op_of(links[i].name) >= 0)
      return true;
  }
  return false;
}

// `q.eq(...)` on a builder variable. Filters mutate the builder they are called on (as
// postgrest-js does), so they extend its fact; choosing an operation on a bare
// `from()` builder (`const base = db.from('t'); base.update(v)`) makes a new query, so it
// makes a new fact from a copy.
static bool extend_builder(TsCtx *ex, uint32_t depth, const Link *links, uint32_t n) {
  const TsFrame *fr = &ex->frames.items[depth];
  TSNode base = tx_ts_unwrap(ex, links[0].object);
  if (tx_ts_sym(base) != ex->sy->identifier)
    return false;
  const Binding *b = tx_ts_bind_get(&ex->binds, tx_ts_text(ex, base), BIND_BUILDER);
  if (!b || b->kind != BIND_BUILDER || b->fn != fr->st.fn)
    return false;
  uint32_t idx = b->value, cond = b->cond;
  if (ex->facts.items[idx].op == TX_TS_OP_PENDING && has_op(links, n)) {
    TxFact copy = ex->facts.items[idx];
    copy.span = tx_ts_span(ex, fr->node);
    copy.in_loop = fr->st.in_loop;
    copy.parallel_group = fr->st.group;
    TX_ARRAY_PUSH(&ex->facts, copy);
    idx = ex->facts.count - 1;
    cond = fr->st.cond;
  }
  TxFact *x = &ex->facts.items[idx];
  apply_links(ex, x, links, 0, n, fr->st.cond != cond);
  if (awaited(ex, depth))
    set_results(ex, x, depth);
  else
    x->not_awaited = unused_unawaited(ex, depth);
  TxStr var = stored_in(ex, depth);
  if (var.len)
    bind_builder(ex, var, idx, fr->st.fn, cond);
  return true;
}

static uint32_t param_of(const TsCtx *ex, uint32_t fn, TSNode n);
static void note_crossing(const TsCtx *ex, TxFact *x, uint32_t depth);
static bool partial_chain(TsCtx *ex, uint32_t depth, TSNode call, const Link *links, uint32_t n);

bool tx_ts_chain(TsCtx *ex, TSNode call, uint32_t depth) {
  Link links[MAX_LINKS];
  uint32_t n = unwind(ex, call, links);
  if (n == 0)
    return false;
  uint32_t k = 0;
  while (k < n && !tx_str_eq_c(links[k].name, "from") && !tx_str_eq_c(links[k].name, "rpc"))
    k++;
  if (k == n)
    return extend_builder(ex, depth, links, n) || partial_chain(ex, depth, call, links, n);
  if (tx_ts_named_count(links[k].args) == 0)
    return false;
  // `Array.from(rows)`, `Buffer.from(s, 'base64')`: the standard library's own from().
  TSNode root = tx_ts_unwrap(ex, links[k].object);
  if (tx_str_eq_c(links[k].name, "from") && tx_ts_sym(root) == ex->sy->identifier &&
      tx_std_from_receiver(tx_ts_text(ex, root)))
    return false;
  uint32_t import = TX_NONE;
  TxStr schema = {"", 0};
  TSNode client = links[k].object;
  const TsFrame *fr = &ex->frames.items[depth];
  uint32_t param = TX_NONE;
  if (!tx_ts_is_client(ex, client, &import, &schema)) {
    // A parameter nothing here calls a client (`function archive(db: any, id)`): its callers
    // may pass one, which the link stage checks (TxFact.client_param).
    TSNode base = tx_ts_unwrap(ex, client);
    if (tx_ts_sym(base) != ex->sy->identifier || fr->st.fn == TX_NONE ||
        (param = param_index(ex, fr->st.fn, tx_ts_text(ex, base))) == TX_NONE)
      return false;
  }
  TxFact x;
  memset(&x, 0, sizeof x);
  x.origin = TX_ORIGIN_TS;
  x.schema = schema;
  x.client = tx_ts_text(ex, tx_ts_unwrap(ex, client));
  x.chain = chain_text(ex, links, k, n);
  x.span = tx_ts_span(ex, call);
  x.fn = fr->st.fn;
  x.client_import = import;
  x.client_kind = tx_ts_client_kind(ex, client, &x.client_kind_import);
  x.client_param = param == TX_NONE ? 0 : param + 1;
  uint32_t service = TX_NONE;
  x.client_member = tx_ts_client_member(ex, client, &service);
  if (x.client_member.len && x.client_kind == TX_CLIENT_UNKNOWN)
    x.client_kind_import = service; // the service's class decides (link/clients.c)
  x.in_loop = fr->st.in_loop;
  x.parallel_group = fr->st.group;
  bool known;
  // The first argument names the table (`from`) or, for an rpc, the function: x.table and
  // x.function share storage.
  x.table = tx_ts_static_string(ex, tx_ts_named_child(links[k].args, 0), &known);
  if (!known) {
    tx_ts_name_ref(ex, tx_ts_named_child(links[k].args, 0), &x);
    if (tx_str_eq_c(links[k].name, "from"))
      x.table_param = param_of(ex, x.fn, tx_ts_named_child(links[k].args, 0));
  }
  if (tx_str_eq_c(links[k].name, "rpc")) {
    x.op = TX_OP_RPC;
    x.op_span = op_span(ex, &links[k]);
    read_rpc_args(ex, tx_ts_named_child(links[k].args, 1), &x);
    apply_links(ex, &x, links, k + 1, n, false);
    x.op = TX_OP_RPC; // .select() after .rpc() shapes the result, it is not a read
  } else {
    x.op = TX_TS_OP_PENDING;
    x.op_span = op_span(ex, &links[k]);
    apply_links(ex, &x, links, k + 1, n, false);
  }
  if (awaited(ex, depth))
    set_results(ex, &x, depth);
  else
    x.not_awaited = unused_unawaited(ex, depth);
  note_crossing(ex, &x, depth);
  TX_ARRAY_PUSH(&ex->facts, x);
  uint32_t idx = ex->facts.count - 1;
  TxStr var = stored_in(ex, depth);
  if (var.len && !awaited(ex, depth))
    bind_builder(ex, var, idx, fr->st.fn, fr->st.cond);
  return true;
}

void tx_ts_builder_use(TsCtx *ex, TSNode ident, uint32_t depth) {
  const TsSyms *s = ex->sy;
  const Binding *b = tx_ts_bind_get(&ex->binds, tx_ts_text(ex, ident), BIND_BUILDER);
  const TsFrame *fr = &ex->frames.items[depth];
  if (!b || b->kind != BIND_BUILDER || b->fn != fr->st.fn || depth == 0)
    return;
  TxFact *x = &ex->facts.items[b->value];
  TSSymbol parent = ex->frames.items[depth - 1].sym;
  if (parent == s->await_expression) {
    set_results(ex, x, depth);
  } else if (parent == s->return_statement && x->op == TX_TS_OP_PENDING) {
    // `const q = db.from(t); return q`: the caller chooses the operation, and its chain is
    // judged with this one (link/builders.c).
    x->returned = true;
  } else if (parent == s->arguments || parent == s->return_statement) {
    // Handed to a helper or to the caller: more filters may be added there.
    x->filters_unknown = true;
  }
}

// --- builders that cross a function boundary ------------------------------------------------
//
// What the front end records here, the link stage joins at the calls (link/builders.c): a
// helper's chain whose table or filter column is a parameter, a builder a function returns,
// a chain continuing a parameter's builder or the builder a call returns, a chain handed to
// a call.

enum { MAX_PARAMS = 64 }; // parameters of one function looked through, at most

// 1 + the index of the parameter of function `fn` that identifier `n` names, or 0.
static uint32_t param_of(const TsCtx *ex, uint32_t fn, TSNode n) {
  const TsSyms *s = ex->sy;
  n = tx_ts_unwrap(ex, n);
  if (fn >= ex->fn_nodes.count || tx_ts_sym(n) != s->identifier)
    return 0;
  TxStr name = tx_ts_text(ex, n);
  TSNode f = ex->fn_nodes.items[fn];
  TSNode one = tx_ts_field(f, s->f_parameter); // `x => ...`
  if (!tx_ts_null(one))
    return tx_ts_sym(one) == s->identifier && tx_str_eq(tx_ts_text(ex, one), name);
  TSNode list = tx_ts_field(f, s->f_parameters);
  uint32_t count = tx_ts_named_count(list), index = 0;
  for (uint32_t i = 0; i < count && index < MAX_PARAMS; i++) {
    TSNode p = tx_ts_named_child(list, i);
    TSSymbol k = tx_ts_sym(p);
    if (k == s->comment)
      continue;
    TSNode pat = p;
    if (k == s->required_parameter || k == s->optional_parameter)
      pat = tx_ts_field(p, s->f_pattern);
    if (tx_ts_sym(pat) == s->this_)
      continue;                                  // TypeScript's `this: T` takes no argument
    if (tx_ts_sym(pat) == s->assignment_pattern) // `table = 'loans'`
      pat = tx_ts_field(pat, s->f_left);
    if (tx_ts_sym(pat) == s->identifier && tx_str_eq(tx_ts_text(ex, pat), name))
      return index + 1;
    index++;
  }
  return 0;
}

// `.eq(column, v)` with `column` a parameter of `fn`: a filter whose column the calls name.
static bool param_filter(TsCtx *ex, const Link *l, FilterList *fl, bool conditional, uint32_t fn) {
  uint32_t param = param_of(ex, fn, tx_ts_named_child(l->args, 0));
  if (!param)
    return false;
  bool op_known = true;
  TxStr op = l->name;
  if (tx_str_eq_c(l->name, "filter")) {
    op = tx_ts_static_string(ex, tx_ts_named_child(l->args, 1), &op_known);
    if (!op_known)
      op = TX_STR_LIT("unknown");
  }
  add_filter(ex, fl, (TxStr){"", 0}, op, l->name, l->call, conditional);
  fl->items[fl->count - 1].column_param = param;
  return true;
}

// Whether the value at frames[depth] is what its function returns: `return <chain>` (through
// parentheses, `await`, `as`), or the expression body of an arrow function.
static bool returned_at(const TsCtx *ex, uint32_t depth) {
  const TsSyms *s = ex->sy;
  for (uint32_t d = depth; d > 0; d--) {
    const TsFrame *parent = &ex->frames.items[d - 1];
    if (parent->sym == s->return_statement)
      return true;
    if (parent->sym == s->arrow_function) // (its children's fields are not recorded)
      return tx_ts_field(parent->node, s->f_body).id == ex->frames.items[d].node.id;
    if (parent->sym != s->parenthesized_expression && parent->sym != s->await_expression &&
        parent->sym != s->as_expression && parent->sym != s->non_null_expression &&
        parent->sym != s->satisfies_expression)
      return false;
  }
  return false;
}

// Records that chain x (at frames[depth]) is returned, or is an argument of a recorded call.
static void note_crossing(const TsCtx *ex, TxFact *x, uint32_t depth) {
  x->returned = returned_at(ex, depth);
  if (depth >= 2 && ex->frames.items[depth - 1].sym == ex->sy->arguments) {
    const TsFrame *call = &ex->frames.items[depth - 2];
    if (call->call != TX_NONE && ex->frames.items[depth - 1].kids > 0) {
      x->passed_call = call->call + 1;
      x->passed_arg = ex->frames.items[depth - 1].kids - 1;
    }
  }
}

static bool is_filter_link(const Link *l) {
  return is_filter_method(l->name) || tx_str_eq_c(l->name, "match") ||
         tx_str_eq_c(l->name, "filter");
}

// A chain with no `from()` that continues a builder from outside the function: a parameter's
// (`q.eq('org_id', org)`, its first method a filter) or the one a call returns
// (`this.query().update(v)`, its first method an operation). It is recorded as a partial
// fact for the link stage to join with the builder's origin; the walk goes on as
// for any call (false), so the calls inside are recorded as before.
static bool partial_chain(TsCtx *ex, uint32_t depth, TSNode call, const Link *links, uint32_t n) {
  const TsSyms *s = ex->sy;
  const TsFrame *fr = &ex->frames.items[depth];
  if (fr->st.fn == TX_NONE)
    return false;
  TSNode base = tx_ts_unwrap(ex, links[0].object);
  uint32_t first = 0; // the first link of this function's part
  TxFact x;
  memset(&x, 0, sizeof x);
  if (tx_ts_sym(base) == s->identifier && is_filter_link(&links[0])) {
    x.base_param = param_of(ex, fr->st.fn, base);
    if (!x.base_param)
      return false;
  } else {
    if (tx_ts_sym(base) == s->call_expression && op_of(links[0].name) >= 0) {
      TSSymbol k = tx_ts_sym(tx_ts_unwrap(ex, tx_ts_field(base, s->f_function)));
      if (k != s->identifier) // `table().update(v)`; member calls unwind as links (below)
        return false;
    } else if (n >= 2 && op_of(links[0].name) < 0 && !is_filter_link(&links[0]) &&
               op_of(links[1].name) >= 0) {
      base = links[0].call; // `this.query().update(v)`, `repo.rows().delete()`
      first = 1;
    } else {
      return false;
    }
    ex->base_wait_node = base.id; // its call is recorded next (tx_ts_base_call_met)
    ex->base_wait_fact = ex->facts.count;
  }
  x.origin = TX_ORIGIN_TS;
  x.client = tx_ts_text(ex, base);
  x.chain = chain_text(ex, links, first, n);
  x.span = tx_ts_span(ex, call);
  x.fn = fr->st.fn;
  x.client_import = x.client_kind_import = TX_NONE;
  x.in_loop = fr->st.in_loop;
  x.parallel_group = fr->st.group;
  x.op = TX_TS_OP_PENDING;
  x.op_span = op_span(ex, &links[first]);
  // Filtered only on some paths of the function (`if (org) return q.eq(...)`): conditional.
  apply_links(ex, &x, links, first, n, fr->st.cond != tx_ts_start(ex->fn_nodes.items[x.fn]) + 1);
  if (awaited(ex, depth))
    set_results(ex, &x, depth);
  x.returned = returned_at(ex, depth);
  x.partial = true;
  TX_ARRAY_PUSH(&ex->facts, x);
  return false;
}

void tx_ts_base_call_met(TsCtx *ex, uint32_t depth, uint32_t call) {
  if (!ex->base_wait_node || ex->frames.items[depth].node.id != ex->base_wait_node)
    return;
  if (ex->base_wait_fact < ex->facts.count)
    ex->facts.items[ex->base_wait_fact].base_call = call + 1;
  ex->base_wait_node = NULL;
}

bool tx_ts_may_be_partial_chain(const TsCtx *ex, TxStr callee) {
  (void)ex;
  // `q.eq`, `q.match`, ... on a plain name: a parameter's builder, perhaps.
  uint32_t n = 0;
  while (n < callee.len && callee.ptr[n] != '.' && callee.ptr[n] != '(')
    n++;
  if (n > 0 && n < callee.len && callee.ptr[n] == '.') {
    uint32_t m = n + 1;
    while (m < callee.len && callee.ptr[m] != '.' && callee.ptr[m] != '(')
      m++;
    Link l = {.name = tx_str_n(callee.ptr + n + 1, m - n - 1)};
    if (is_filter_link(&l))
      return true;
  }
  // `f().update`, `this.query().delete().eq`: an operation right after the first call.
  const char *paren = memchr(callee.ptr, '(', callee.len);
  if (!paren || paren + 3 > callee.ptr + callee.len || paren[1] != ')' || paren[2] != '.')
    return false;
  TxStr rest = tx_str_n(paren + 3, callee.len - (uint32_t)(paren + 3 - callee.ptr));
  uint32_t m = 0;
  while (m < rest.len && rest.ptr[m] != '.' && rest.ptr[m] != '(')
    m++;
  return op_of(tx_str_n(rest.ptr, m)) >= 0;
}

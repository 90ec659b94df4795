// ts_clients.c: who a supabase-js client acts as (TxClientKind), from the evidence in one
// file: the key or the environment variable passed to the factory, the factory itself, its
// options and the file's context. What another module decides (an imported client or factory)
// is left to the link stage (link/clients.c) through the import recorded in `*via`.
#include <string.h>

#include "ts_internal.h"

typedef enum KeyRole { KEY_UNKNOWN, KEY_SERVICE, KEY_ANON } KeyRole;

// Texts longer than this are not searched for key names: a long expression is no key.
enum { KEY_TEXT_MAX = 256 };

// ASCII case-insensitive search for a lower-case `needle` that may hold digits, '_' and '-'
// (tx_ts_contains_nocase folds every byte with 0x20, which suits letters only).
static bool has_word(TxStr s, const char *needle) {
  size_t n = strlen(needle);
  for (uint32_t i = 0; i + n <= s.len; i++) {
    size_t k = 0;
    while (k < n) {
      char ch = s.ptr[i + k];
      if (ch >= 'A' && ch <= 'Z')
        ch = (char)(ch - 'A' + 'a');
      if (ch != needle[k])
        break;
      k++;
    }
    if (k == n)
      return true;
  }
  return false;
}

// has_word() on a text folded to lower case already (`lower`, `n` bytes).
static bool folded_has(const char *lower, size_t n, const char *needle) {
  return memmem(lower, n, needle, strlen(needle)) != NULL;
}

// The role a key's name or value says: SUPABASE_SERVICE_ROLE_KEY, serviceRoleKey,
// SUPABASE_SECRET_KEY, an `sb_secret_...` literal; SUPABASE_ANON_KEY, an `sb_publishable_...`
// key. A text naming both (`admin ? serviceKey : anonKey`) says nothing. Searched in one
// folded copy of the text: this runs on every declarator, and eleven has_word() scans of the
// text were 0.7% of a run.
static KeyRole role_of_text(TxStr t) {
  if (t.len == 0 || t.len > KEY_TEXT_MAX)
    return KEY_UNKNOWN;
  char l[KEY_TEXT_MAX];
  for (uint32_t i = 0; i < t.len; i++) {
    char ch = t.ptr[i];
    if (ch >= 'A' && ch <= 'Z')
      ch = (char)(ch - 'A' + 'a');
    l[i] = ch;
  }
  size_t n = t.len;
  bool service = folded_has(l, n, "service_role") || folded_has(l, n, "servicerole") ||
                 folded_has(l, n, "service-role") || folded_has(l, n, "servicekey") ||
                 folded_has(l, n, "service_key") || folded_has(l, n, "secret_key") ||
                 folded_has(l, n, "secretkey") || folded_has(l, n, "sb_secret_");
  bool anon = folded_has(l, n, "anon_key") || folded_has(l, n, "anonkey") ||
              folded_has(l, n, "publishable");
  if (service == anon)
    return KEY_UNKNOWN;
  return service ? KEY_SERVICE : KEY_ANON;
}

static int b64url_value(char ch) {
  if (ch >= 'A' && ch <= 'Z')
    return ch - 'A';
  if (ch >= 'a' && ch <= 'z')
    return ch - 'a' + 26;
  if (ch >= '0' && ch <= '9')
    return ch - '0' + 52;
  return ch == '-' || ch == '+' ? 62 : ch == '_' || ch == '/' ? 63 : -1;
}

// The role claim of a legacy JWT key literal ("eyJ...": header.payload.signature, the payload
// base64url JSON holding "role":"anon" or "role":"service_role"), as generated client files
// commit it.
static KeyRole role_of_jwt(TxStr lit) {
  if (!tx_str_starts_with(lit, "eyJ"))
    return KEY_UNKNOWN;
  uint32_t i = 0;
  while (i < lit.len && lit.ptr[i] != '.')
    i++;
  char out[768];
  size_t n = 0;
  uint32_t acc = 0, bits = 0;
  for (i++; i < lit.len && lit.ptr[i] != '.' && n + 1 < sizeof out; i++) {
    int v = b64url_value(lit.ptr[i]);
    if (v < 0)
      return KEY_UNKNOWN;
    acc = ((acc << 6) | (uint32_t)v) & 0xffffu;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (char)((acc >> bits) & 0xff);
    }
  }
  TxStr payload = {out, (uint32_t)n};
  if (tx_str_contains(payload, "\"role\":\"service_role\""))
    return KEY_SERVICE;
  return tx_str_contains(payload, "\"role\":\"anon\"") ? KEY_ANON : KEY_UNKNOWN;
}

// The role of the key expression `n`: a literal or a constant holding one, a variable noted by
// tx_ts_note_key, or an environment read (process.env.X, Deno.env.get('X'), env.X), by name.
static KeyRole role_of_key(const TsCtx *ex, TSNode n) {
  n = tx_ts_unwrap(ex, n);
  if (tx_ts_null(n))
    return KEY_UNKNOWN;
  bool known;
  TxStr lit = tx_ts_static_string(ex, n, &known);
  if (known) {
    if (tx_str_starts_with(lit, "sb_secret_"))
      return KEY_SERVICE;
    if (tx_str_starts_with(lit, "sb_publishable_"))
      return KEY_ANON;
    KeyRole jwt = role_of_jwt(lit);
    if (jwt != KEY_UNKNOWN)
      return jwt;
  }
  // A constant holding something else says no more than its name.
  TxStr text = tx_ts_text(ex, n);
  if (tx_ts_sym(n) == ex->sy->identifier) {
    const Binding *b = tx_ts_bind_get(&ex->binds, text, BIND_KEY);
    if (b)
      return b->value == TX_CLIENT_SERVICE ? KEY_SERVICE : KEY_ANON;
  }
  return role_of_text(text);
}

// Factories of @supabase/ssr and the auth-helpers packages: they read the user's session
// from the request's cookies (or the browser's storage), so RLS holds their queries.
static bool is_session_factory(TxStr name) {
  static const char *const names[] = {
      "createServerClient",          "createBrowserClient",         "createRouteHandlerClient",
      "createServerComponentClient", "createServerActionClient",    "createPagesServerClient",
      "createMiddlewareClient",      "createClientComponentClient", "createPagesBrowserClient",
      "createBrowserSupabaseClient", "createServerSupabaseClient",  "createSupabaseServerClient",
  };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    if (tx_str_eq_c(name, names[i]))
      return true;
  }
  return false;
}

// Whether the client runs in a browser or at the edge, where an anon-key client carries the
// visitor's own session: a 'use client' module, a Supabase Edge Function, a Next.js
// middleware, or options that keep the session in the browser's storage (`storage:
// localStorage`, as single-page apps' generated client files do).
static bool browser_or_edge(const TsCtx *ex, TxStr opts) {
  if (has_word(opts, "localstorage") || has_word(opts, "sessionstorage"))
    return true;
  TxStr path = ex->f->src.path;
  TxStr head = {ex->src, ex->f->src.len < 512 ? ex->f->src.len : 512};
  return tx_str_contains(head, "'use client'") || tx_str_contains(head, "\"use client\"") ||
         tx_str_contains(path, "supabase/functions/") || tx_str_starts_with(path, "middleware.") ||
         tx_str_contains(path, "/middleware.");
}

// The kind a factory call `name(url, key, options)` creates. The key decides first: a
// service-role key bypasses RLS whatever wraps it.
static TxClientKind factory_kind(const TsCtx *ex, TxStr name, TSNode args) {
  KeyRole key = role_of_key(ex, tx_ts_named_child(args, 1));
  if (key == KEY_SERVICE)
    return TX_CLIENT_SERVICE;
  if (is_session_factory(name))
    return TX_CLIENT_USER;
  TSNode opts = tx_ts_unwrap(ex, tx_ts_named_child(args, 2));
  TxStr o = tx_ts_sym(opts) == ex->sy->object ? tx_ts_text(ex, opts) : (TxStr){"", 0};
  // `global: { headers: { Authorization: ... } }`: the user's token, so the user's rights.
  if (key != KEY_SERVICE && has_word(o, "authorization"))
    return TX_CLIENT_USER;
  // `auth: { persistSession: false }` with no known key: the shape of an admin client.
  if (key == KEY_UNKNOWN && has_word(o, "persistsession") && has_word(o, "false"))
    return TX_CLIENT_SERVICE;
  if (key == KEY_ANON && browser_or_edge(ex, o))
    return TX_CLIENT_USER;
  return TX_CLIENT_UNKNOWN;
}

static TxClientKind binding_kind(const Binding *b, uint32_t *via) {
  *via = b->cond ? b->cond - 1 : TX_NONE;
  return (TxClientKind)b->value;
}

static TxClientKind call_kind(const TsCtx *ex, TSNode n, uint32_t *via) {
  const TsSyms *s = ex->sy;
  TSNode fn = tx_ts_unwrap(ex, tx_ts_field(n, s->f_function));
  TSNode args = tx_ts_field(n, s->f_arguments);
  TxStr name;
  if (tx_ts_sym(fn) == s->identifier) {
    name = tx_ts_text(ex, fn);
    const Binding *b = tx_ts_bind_get(&ex->binds, name, BIND_CLIENT_FN);
    if (b)
      return binding_kind(b, via);
    const Binding *imp = tx_ts_bind_get(&ex->binds, name, BIND_IMPORT);
    if (imp)
      *via = imp->value;
  } else if (tx_ts_sym(fn) == s->member_expression) {
    name = tx_ts_text(ex, tx_ts_field(fn, s->f_property));
    if (tx_str_eq_c(name, "schema"))
      return tx_ts_client_kind(ex, tx_ts_field(fn, s->f_object), via);
  } else {
    return TX_CLIENT_UNKNOWN;
  }
  return factory_kind(ex, name, args);
}

TxClientKind tx_ts_client_kind(const TsCtx *ex, TSNode n, uint32_t *via) {
  const TsSyms *s = ex->sy;
  *via = TX_NONE;
  n = tx_ts_unwrap(ex, n);
  if (tx_ts_null(n))
    return TX_CLIENT_UNKNOWN;
  TSSymbol k = tx_ts_sym(n);
  if (k == s->call_expression)
    return call_kind(ex, n, via);
  if (k != s->identifier && k != s->member_expression)
    return TX_CLIENT_UNKNOWN;
  TxStr text = tx_ts_text(ex, n);
  const Binding *b = tx_ts_bind_get(&ex->binds, text, BIND_CLIENT);
  if (b)
    return binding_kind(b, via);
  const Binding *imp = k == s->identifier ? tx_ts_bind_get(&ex->binds, text, BIND_IMPORT) : NULL;
  if (imp)
    *via = imp->value;
  return TX_CLIENT_UNKNOWN;
}

void tx_ts_note_key(TsCtx *ex, TxStr name, TSNode value) {
  if (tx_ts_null(value))
    return;
  KeyRole role = role_of_key(ex, value);
  if (role == KEY_UNKNOWN)
    return;
  uint32_t kind = role == KEY_SERVICE ? TX_CLIENT_SERVICE : TX_CLIENT_USER;
  Binding b = {name, BIND_KEY, kind, TX_NONE, 0, {"", 0}, TX_NONE};
  tx_ts_bind_put(&ex->binds, &b);
}

void tx_ts_bind_kind(const TsCtx *ex, Binding *b, TSNode value) {
  uint32_t via = TX_NONE;
  b->value = tx_ts_null(value) ? TX_CLIENT_UNKNOWN : tx_ts_client_kind(ex, value, &via);
  b->cond = b->value == TX_CLIENT_UNKNOWN && via != TX_NONE ? via + 1 : 0;
}

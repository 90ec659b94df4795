// config.c: defaults and the queries rules and the driver make of a validated TxConfig.
// Reading .txlint.yml lives in config_file.c, the command line in cli.c.
#include "config.h"

#include "base/clock.h"

#include <string.h>
#include <time.h>

const char *tx_severity_name(TxSeverity s) {
  switch (s) {
  case TX_SEV_ERROR:
    return "error";
  case TX_SEV_WARNING:
    return "warning";
  case TX_SEV_NOTE:
    return "note";
  case TX_SEV_NONE:
    break;
  }
  return "none";
}

bool tx_severity_parse(const char *name, TxSeverity *out) {
  static const TxSeverity all[] = {TX_SEV_NONE, TX_SEV_NOTE, TX_SEV_WARNING, TX_SEV_ERROR};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
    if (strcmp(name, tx_severity_name(all[i])) == 0) {
      *out = all[i];
      return true;
    }
  }
  return false;
}

const char tx_format_names[] = "text, sarif, github, gitlab, rdjson, rdjsonl, junit, json";

bool tx_format_parse(const char *name, TxFormat *out) {
  static const char *const names[TX_FORMAT_COUNT] = {
      [TX_FORMAT_TEXT] = "text",     [TX_FORMAT_SARIF] = "sarif",   [TX_FORMAT_GITHUB] = "github",
      [TX_FORMAT_GITLAB] = "gitlab", [TX_FORMAT_RDJSON] = "rdjson", [TX_FORMAT_RDJSONL] = "rdjsonl",
      [TX_FORMAT_JUNIT] = "junit",   [TX_FORMAT_JSON] = "json"};
  for (int i = 0; i < TX_FORMAT_COUNT; i++) {
    if (strcmp(name, names[i]) == 0) {
      *out = (TxFormat)i;
      return true;
    }
  }
  return false;
}

static TxStrList make_list(TxArena *a, const char *const *items, uint32_t n) {
  TxStrList l = {TX_ARENA_ARRAY(a, TxStr, n), n};
  for (uint32_t i = 0; i < n; i++)
    l.items[i] = tx_str(items[i]);
  return l;
}

#define LIST(a, arr) make_list((a), (arr), (uint32_t)(sizeof(arr) / sizeof((arr)[0])))

void tx_config_defaults(TxConfig *cfg) {
  memset(cfg, 0, sizeof *cfg);
  tx_arena_init(&cfg->arena);
  static const char *const tenant[] = {"org_id",  "organization_id", "tenant_id", "workspace_id",
                                       "team_id", "account_id",      "company_id"};
  static const char *const markers[] = {"processed_webhook_events", "webhook_events",
                                        "processed_events", "stripe_events", "idempotency_keys"};
  // Tables whose rows stand alone (non-atomic-writes leaves their writes out): logs,
  // events, audit trails, metrics, analytics, caches. A failure between such a row and the
  // writes it describes loses a line of history, not consistency. `*` matches any text.
  static const char *const independent[] = {
      "*_log",       "*_logs",    "logs",        "*_events",      "audit*",      "*_audit",
      "*_audits",    "*_metrics", "metrics",     "analytics*",    "*_analytics", "telemetry*",
      "*_telemetry", "*_cache",   "rate_limits", "*_rate_limits", "cache_*"};
  // Callee patterns of effects (`*` matches any text, dots included). Kept to calls that
  // send something somewhere: `res.send` (an HTTP response) is not an effect.
  static const char *const effects[] = {"fetch",
                                        "*.fetch",
                                        "axios",
                                        "axios.*",
                                        "got",
                                        "got.*",
                                        "ky",
                                        "ky.*",
                                        "undici.request",
                                        "wsBroadcast",
                                        "broadcast",
                                        "*.broadcast",
                                        "*.emit",
                                        "*.publish",
                                        "*channel*.send",
                                        "*Channel*.send",
                                        "*socket*.send",
                                        "*Socket*.send",
                                        "ws.send",
                                        "sendEmail",
                                        "*.sendEmail",
                                        "sendMail",
                                        "*.sendMail",
                                        "resend.emails.send",
                                        "*.emails.send",
                                        "sgMail.send",
                                        "*.messages.create",
                                        "*.calls.create",
                                        "stripe.*.create",
                                        "stripe.*.update",
                                        "stripe.*.cancel",
                                        "stripe.*.del",
                                        "stripe.*.capture",
                                        "stripe.*.confirm",
                                        "stripe.*.pay",
                                        "*queue*.add",
                                        "*Queue*.add",
                                        "*queue*.send",
                                        "*Queue*.send",
                                        "*.enqueue",
                                        "*.sendMessage",
                                        "pusher.trigger",
                                        "inngest.send",
                                        "sendSms",
                                        "sendSMS",
                                        "sendPush",
                                        "sendNotification",
                                        "*.sendNotification"};
  // Callee patterns of a webhook signature check: a function making one is a webhook handler
  // (Stripe, Svix/Clerk/Resend, standardwebhooks, hand-written verifiers).
  static const char *const webhooks[] = {"*.webhooks.constructEvent",
                                         "*.webhooks.constructEventAsync",
                                         "constructEvent",
                                         "constructEventAsync",
                                         "*Webhook*.verify",
                                         "*webhook*.verify",
                                         "wh.verify",
                                         "svix.verify",
                                         "verify*Webhook*",
                                         "*.verify*Webhook*",
                                         "validate*Webhook*",
                                         "*.validate*Webhook*",
                                         "verify*Signature",
                                         "*.verify*Signature",
                                         "validate*Signature",
                                         "*.validate*Signature",
                                         "validateRequest",
                                         "twilio.validateRequest"};
  static const char *const factories[] = {"createClient",
                                          "createServerClient",
                                          "createBrowserClient",
                                          "createRouteHandlerClient",
                                          "createServerComponentClient",
                                          "createClientComponentClient",
                                          "createMiddlewareClient",
                                          "createPagesServerClient",
                                          "createPagesBrowserClient",
                                          "createServerActionClient"};
  cfg->tenant_columns = LIST(&cfg->arena, tenant);
  cfg->marker_tables = LIST(&cfg->arena, markers);
  cfg->independent_tables = LIST(&cfg->arena, independent);
  cfg->effect_calls = LIST(&cfg->arena, effects);
  cfg->webhook_calls = LIST(&cfg->arena, webhooks);
  cfg->client_factories = LIST(&cfg->arena, factories);
  cfg->format = TX_FORMAT_TEXT;
  cfg->fail_level = TX_SEV_ERROR;
  cfg->color = -1;
  cfg->max_file_bytes = (uint64_t)5 * 1024 * 1024;
  cfg->max_depth = 1000;
  // Every kind of call kept; the driver narrows it to what the rules read.
  cfg->rule_reads = UINT32_MAX;
  cfg->time_budget_ms = 0; // by size: tx_config_file_budget_ms
  cfg->run_budget_ms = TX_RUN_BUDGET_MS;
}

uint32_t tx_config_file_budget_ms(const TxConfig *cfg, uint64_t bytes) {
  uint64_t ms = cfg->time_budget_ms;
  if (ms == 0) {
    ms = TX_FILE_BUDGET_BASE_MS + TX_FILE_BUDGET_MS_PER_KB * ((bytes + 1023) / 1024);
    if (ms > TX_FILE_BUDGET_MAX_MS)
      ms = TX_FILE_BUDGET_MAX_MS;
  }
  if (cfg->run_deadline_ns) {
    uint64_t now = tx_now_ns();
    // Rounded up, so a file cut short ends at the deadline, not just before it, where the
    // next file would still start (with 1 ms).
    uint64_t left =
        now < cfg->run_deadline_ns ? (cfg->run_deadline_ns - now + 999999u) / 1000000u : 0;
    if (left < ms)
      ms = left;
  }
  return ms > 0 ? (uint32_t)ms : 1;
}

void tx_config_fini(TxConfig *cfg) {
  tx_arena_fini(&cfg->arena);
}

bool tx_strlist_has(const TxStrList *l, TxStr s) {
  for (uint32_t i = 0; i < l->count; i++) {
    if (tx_str_eq(l->items[i], s))
      return true;
  }
  return false;
}

static const TxRuleSetting *setting(const TxConfig *cfg, const char *id) {
  for (uint32_t i = 0; i < cfg->rule_count; i++) {
    if (tx_str_eq_c(cfg->rules[i].id, id))
      return &cfg->rules[i];
  }
  return NULL;
}

bool tx_config_rule_enabled(const TxConfig *cfg, const char *id) {
  if (cfg->only_rules.count > 0)
    return tx_strlist_has(&cfg->only_rules, tx_str(id));
  const TxRuleSetting *s = setting(cfg, id);
  return !s || s->enabled != 0;
}

TxSeverity tx_config_rule_level(const TxConfig *cfg, const char *id, TxSeverity dflt) {
  const TxRuleSetting *s = setting(cfg, id);
  return s && s->level != TX_SEV_NONE ? s->level : dflt;
}

bool tx_config_rule_rls_backed(const TxConfig *cfg, const char *id) {
  const TxRuleSetting *s = setting(cfg, id);
  return !s || s->rls_backed != 0; // the default: on
}

bool tx_config_rule_takes_rls_backed(TxStr id) {
  return tx_str_eq_c(id, "tenant-filter") || tx_str_eq_c(id, "sql-tenant-filter");
}

// test_registry.c: the rule table is consistent with its documents and fixtures: ids are
// unique, sorted, kebab-case and match their C names in rules.def; every rule has
// rules/<id>.md with matching front matter and the required headings in order, embedded
// for --explain and SARIF as written but for the front matter's summary and description,
// which are the rule's (tx_rule_summary, tx_rule_description); and a non-empty
// testdata/rules/<id>/ folder.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rule.h"

static const char *const c_names[] = {
#define TX_RULE(name) #name,
#include "rules/rules.def"
#undef TX_RULE
};

static char *slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  size_t got = fread(buf, 1, (size_t)n, f);
  buf[got] = '\0';
  fclose(f);
  return buf;
}

static void test_registry_ids_are_unique_sorted_kebab(void **state) {
  (void)state;
  assert_int_equal(tx_rule_count, sizeof c_names / sizeof c_names[0]);
  for (uint32_t i = 0; i < tx_rule_count; i++) {
    const char *id = tx_rules[i]->id;
    for (const char *p = id; *p; p++)
      assert_true((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-');
    assert_true(id[0] != '-' && id[strlen(id) - 1] != '-');
    assert_true(strncmp(id, "no-", 3) != 0 && strncmp(id, "ban-", 4) != 0);
    char expect[128];
    snprintf(expect, sizeof expect, "%s", c_names[i]);
    for (char *p = expect; *p; p++)
      if (*p == '_')
        *p = '-';
    assert_string_equal(id, expect);
    if (i > 0)
      assert_true(strcmp(tx_rules[i - 1]->id, id) < 0);
    assert_ptr_equal(tx_rule_find(id), tx_rules[i]);
    assert_non_null(tx_rules[i]->name);
  }
}

// Cuts the front matter entry starting with `head` (its line and the lines indented under
// it) out of `doc`, in place, and returns its text, the lines joined with single spaces
// (malloc'ed; NULL when `doc` has no such entry before the front matter's end). Written
// apart from embed_docs.cmake, so the two check each other.
static char *cut_entry(char *doc, const char *head) {
  char *end = strstr(doc + 4, "\n---\n");
  char *at = doc;
  while ((at = strstr(at, head)) && at != doc && at[-1] != '\n')
    at++;
  if (!end || !at || at > end)
    return NULL;
  char *text = calloc(1, strlen(at) + 1);
  const char *line = at + strlen(head);
  for (;;) {
    const char *nl = strchr(line, '\n');
    assert_non_null(nl); // the front matter's end follows
    strncat(text, line, (size_t)(nl - line));
    if (strncmp(nl, "\n  ", 3) != 0) {
      line = nl + 1;
      break;
    }
    strcat(text, " ");
    line = nl + 3;
  }
  memmove(at, line, strlen(line) + 1);
  return text;
}

// The summary and the description come from the document's front matter, and the embedded
// document is the file without them.
static void test_registry_summary_and_description_come_from_the_document(void **state) {
  (void)state;
  for (uint32_t i = 0; i < tx_rule_count; i++) {
    const char *id = tx_rules[i]->id;
    char path[1024];
    snprintf(path, sizeof path, "%s/rules/%s.md", TX_SOURCE_DIR, id);
    char *doc = slurp(path);
    assert_non_null(doc);
    char *summary = cut_entry(doc, "summary: ");
    char *description = cut_entry(doc, "description: >-\n  ");
    if (!summary || !description)
      fail_msg("rules/%s.md: no summary: or description: >- in the front matter", id);
    const char *s = tx_rule_summary(id), *d = tx_rule_description(id);
    assert_string_equal(s, summary);
    assert_string_equal(d, description);
    // One sentence without a final period (SARIF shortDescription); sentences that end.
    assert_true(s[0] && !strchr(s, '\n') && s[strlen(s) - 1] != '.' && !strstr(s, ". "));
    assert_true(d[0] && !strchr(d, '\n') && d[strlen(d) - 1] == '.' && !strstr(d, "  "));
    assert_string_equal(tx_rule_doc(id), doc);
    free(summary);
    free(description);
    free(doc);
  }
  assert_string_equal(tx_rule_summary("no-such-rule"), "");
  assert_string_equal(tx_rule_description("no-such-rule"), "");
  assert_null(tx_rule_doc("no-such-rule"));
}

static void test_registry_every_rule_has_its_document(void **state) {
  (void)state;
  static const char *const headings[] = {"## What it flags", "## Why it matters", "## Example",
                                         "## Limits", "## Suppress"};
  for (uint32_t i = 0; i < tx_rule_count; i++) {
    const TxRule *r = tx_rules[i];
    char path[1024];
    snprintf(path, sizeof path, "%s/rules/%s.md", TX_SOURCE_DIR, r->id);
    char *doc = slurp(path);
    assert_non_null(doc);
    char line[256];
    snprintf(line, sizeof line, "---\nid: %s\nseverity: %s\ncategory: ", r->id,
             tx_severity_name(r->severity));
    assert_true(strncmp(doc, line, strlen(line)) == 0);
    const char *at = doc;
    for (size_t k = 0; k < sizeof headings / sizeof headings[0]; k++) {
      const char *h = strstr(at, headings[k]);
      if (!h)
        fail_msg("rules/%s.md: missing or misplaced '%s'", r->id, headings[k]);
      at = h + strlen(headings[k]);
    }
    assert_non_null(strstr(doc, "Use instead"));
    free(doc);
  }
}

static void test_registry_every_rule_has_fixtures(void **state) {
  (void)state;
  for (uint32_t i = 0; i < tx_rule_count; i++) {
    char path[1024];
    snprintf(path, sizeof path, "%s/testdata/rules/%s", TX_SOURCE_DIR, tx_rules[i]->id);
    DIR *d = opendir(path);
    if (!d)
      fail_msg("no fixture folder %s", path);
    int entries = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
      entries += de->d_name[0] != '.';
    closedir(d);
    assert_true(entries > 0);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_registry_ids_are_unique_sorted_kebab),
      cmocka_unit_test(test_registry_every_rule_has_its_document),
      cmocka_unit_test(test_registry_summary_and_description_come_from_the_document),
      cmocka_unit_test(test_registry_every_rule_has_fixtures),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

// ts_bind.c: the per-file binding table (names known to hold clients, constant strings,
// imports, query builders) and the grammar's symbol/field ids.
#include <stdlib.h>
#include <string.h>

#include "base/check.h"
#include "ts_internal.h"

static TSSymbol sym(const TSLanguage *l, const char *name, bool named) {
  return ts_language_symbol_for_name(l, name, (uint32_t)strlen(name), named);
}

static TSFieldId field(const TSLanguage *l, const char *name) {
  return ts_language_field_id_for_name(l, name, (uint32_t)strlen(name));
}

void tx_ts_syms_init(TsSyms *s, const TSLanguage *l) {
  memset(s, 0, sizeof *s);
#define N(member, name) s->member = sym(l, name, true)
  N(program, "program");
  N(comment, "comment");
  N(error, "ERROR");
  N(identifier, "identifier");
  N(property_identifier, "property_identifier");
  N(shorthand_property_identifier, "shorthand_property_identifier");
  N(shorthand_property_identifier_pattern, "shorthand_property_identifier_pattern");
  N(this_, "this");
  N(string, "string");
  N(string_fragment, "string_fragment");
  N(template_string, "template_string");
  N(template_substitution, "template_substitution");
  N(call_expression, "call_expression");
  N(member_expression, "member_expression");
  N(subscript_expression, "subscript_expression");
  N(arguments, "arguments");
  N(await_expression, "await_expression");
  N(parenthesized_expression, "parenthesized_expression");
  N(non_null_expression, "non_null_expression");
  N(as_expression, "as_expression");
  N(satisfies_expression, "satisfies_expression");
  N(arrow_function, "arrow_function");
  N(function_expression, "function_expression");
  N(function_declaration, "function_declaration");
  N(generator_function, "generator_function");
  N(generator_function_declaration, "generator_function_declaration");
  N(method_definition, "method_definition");
  N(class_declaration, "class_declaration");
  N(class_, "class");
  N(abstract_class_declaration, "abstract_class_declaration");
  N(class_body, "class_body");
  N(public_field_definition, "public_field_definition");
  N(variable_declarator, "variable_declarator");
  N(lexical_declaration, "lexical_declaration");
  N(variable_declaration, "variable_declaration");
  N(assignment_expression, "assignment_expression");
  N(object, "object");
  N(pair, "pair");
  N(spread_element, "spread_element");
  N(object_pattern, "object_pattern");
  N(pair_pattern, "pair_pattern");
  N(array_pattern, "array_pattern");
  N(object_assignment_pattern, "object_assignment_pattern");
  N(assignment_pattern, "assignment_pattern");
  N(array, "array");
  N(import_statement, "import_statement");
  N(import_clause, "import_clause");
  N(named_imports, "named_imports");
  N(import_specifier, "import_specifier");
  N(namespace_import, "namespace_import");
  N(export_statement, "export_statement");
  N(export_clause, "export_clause");
  N(export_specifier, "export_specifier");
  N(if_statement, "if_statement");
  N(else_clause, "else_clause");
  N(switch_case, "switch_case");
  N(switch_default, "switch_default");
  N(ternary_expression, "ternary_expression");
  N(binary_expression, "binary_expression");
  N(for_statement, "for_statement");
  N(for_in_statement, "for_in_statement");
  N(while_statement, "while_statement");
  N(do_statement, "do_statement");
  N(catch_clause, "catch_clause");
  N(return_statement, "return_statement");
  N(expression_statement, "expression_statement");
  N(required_parameter, "required_parameter");
  N(optional_parameter, "optional_parameter");
  N(type_annotation, "type_annotation");
  N(statement_block, "statement_block");
  N(type_identifier, "type_identifier");
  N(switch_statement, "switch_statement");
  N(switch_body, "switch_body");
  N(break_statement, "break_statement");
  N(continue_statement, "continue_statement");
  N(try_statement, "try_statement");
  N(finally_clause, "finally_clause");
  N(throw_statement, "throw_statement");
  N(labeled_statement, "labeled_statement");
  N(class_static_block, "class_static_block");
  N(type_arguments, "type_arguments");
  N(type_parameters, "type_parameters");
  N(interface_declaration, "interface_declaration");
  N(type_alias_declaration, "type_alias_declaration");
  N(unary_expression, "unary_expression");
  N(update_expression, "update_expression");
  N(accessibility_modifier, "accessibility_modifier");
  N(override_modifier, "override_modifier");
  N(sequence_expression, "sequence_expression");
#undef N
  s->readonly_ = sym(l, "readonly", false);
#define F(member, name) s->member = field(l, name)
  F(f_function, "function");
  F(f_arguments, "arguments");
  F(f_object, "object");
  F(f_property, "property");
  F(f_name, "name");
  F(f_value, "value");
  F(f_body, "body");
  F(f_parameters, "parameters");
  F(f_parameter, "parameter");
  F(f_return_type, "return_type");
  F(f_type, "type");
  F(f_key, "key");
  F(f_left, "left");
  F(f_right, "right");
  F(f_consequence, "consequence");
  F(f_alternative, "alternative");
  F(f_condition, "condition");
  F(f_source, "source");
  F(f_declaration, "declaration");
  F(f_alias, "alias");
  F(f_pattern, "pattern");
  F(f_operator, "operator");
  F(f_handler, "handler");
  F(f_finalizer, "finalizer");
  F(f_increment, "increment");
  F(f_initializer, "initializer");
#undef F
  TX_ASSERT(ts_language_symbol_count(l) <= TS_MAX_SYMBOLS);
  const struct {
    TSSymbol sym;
    TsKind kind;
  } kinds[] = {{s->comment, K_COMMENT},
               {s->string, K_STRING},
               {s->type_annotation, K_TYPE},
               {s->type_arguments, K_TYPE},
               {s->type_parameters, K_TYPE},
               {s->interface_declaration, K_TYPE},
               {s->type_alias_declaration, K_TYPE},
               {s->arrow_function, K_FUNCTION},
               {s->function_expression, K_FUNCTION},
               {s->function_declaration, K_FUNCTION},
               {s->generator_function, K_FUNCTION},
               {s->generator_function_declaration, K_FUNCTION},
               {s->method_definition, K_FUNCTION},
               {s->call_expression, K_CALL},
               {s->variable_declarator, K_DECLARATOR},
               {s->required_parameter, K_PARAMETER},
               {s->optional_parameter, K_PARAMETER},
               {s->public_field_definition, K_FIELD},
               {s->assignment_expression, K_ASSIGNMENT},
               {s->return_statement, K_RETURN},
               {s->import_statement, K_IMPORT},
               {s->export_statement, K_EXPORT},
               {s->identifier, K_IDENTIFIER}};
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
    if (kinds[i].sym && kinds[i].sym < TS_MAX_SYMBOLS)
      s->kind[kinds[i].sym] = (uint8_t)kinds[i].kind;
  }
  const struct {
    TSSymbol sym;
    uint8_t flags;
  } flags[] = {{s->call_expression, F_READS_FIELDS},
               {s->member_expression, F_READS_FIELDS},
               {s->variable_declarator, F_READS_FIELDS | F_KEEPS_EXPORT},
               {s->assignment_expression, F_READS_FIELDS},
               {s->if_statement, F_READS_FIELDS | F_STATE},
               {s->ternary_expression, F_READS_FIELDS | F_STATE},
               {s->binary_expression, F_READS_FIELDS | F_STATE},
               {s->catch_clause, F_READS_FIELDS | F_STATE},
               {s->for_statement, F_READS_FIELDS | F_STATE},
               {s->for_in_statement, F_READS_FIELDS | F_STATE},
               {s->while_statement, F_READS_FIELDS | F_STATE},
               {s->do_statement, F_READS_FIELDS | F_STATE},
               {s->switch_case, F_STATE},
               {s->switch_default, F_STATE},
               {s->export_statement, F_KEEPS_EXPORT | F_STATE},
               {s->lexical_declaration, F_KEEPS_EXPORT},
               {s->variable_declaration, F_KEEPS_EXPORT},
               {s->class_declaration, F_CLASS},
               {s->class_, F_CLASS},
               {s->abstract_class_declaration, F_CLASS},
               {s->member_expression, F_SKIPPABLE},
               {s->subscript_expression, F_SKIPPABLE},
               {s->binary_expression, F_SKIPPABLE},
               {s->unary_expression, F_SKIPPABLE},
               {s->update_expression, F_SKIPPABLE},
               {s->parenthesized_expression, F_SKIPPABLE},
               {s->ternary_expression, F_SKIPPABLE},
               {s->await_expression, F_SKIPPABLE},
               {s->as_expression, F_SKIPPABLE},
               {s->non_null_expression, F_SKIPPABLE},
               {s->satisfies_expression, F_SKIPPABLE},
               {s->object, F_SKIPPABLE},
               {s->array, F_SKIPPABLE},
               {s->pair, F_SKIPPABLE},
               {s->spread_element, F_SKIPPABLE},
               {s->template_substitution, F_SKIPPABLE},
               {s->expression_statement, F_SKIPPABLE},
               {s->required_parameter, F_SKIPPABLE},
               {s->optional_parameter, F_SKIPPABLE},
               {s->return_statement, F_SKIPPABLE}};
  for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
    if (flags[i].sym && flags[i].sym < TS_MAX_SYMBOLS)
      s->flags[flags[i].sym] |= flags[i].flags;
  }
}

// Kinds share a slot space by class, so a builder named `q` never hides a client `q`.
static uint32_t kind_class(BindKind k) {
  return k == BIND_CLIENT_FN ? BIND_CLIENT : (uint32_t)k;
}

static uint32_t hash(TxStr name, uint32_t cls) {
  uint32_t h = 2166136261u ^ cls;
  for (uint32_t i = 0; i < name.len; i++)
    h = (h ^ (unsigned char)name.ptr[i]) * 16777619u;
  return h;
}

void tx_ts_bind_init(BindTable *t) {
  t->cap = 64;
  t->count = 0;
  t->slots = tx_xcalloc(t->cap, sizeof(Binding));
}

void tx_ts_bind_fini(BindTable *t) {
  free(t->slots);
  t->slots = NULL;
  t->cap = t->count = 0;
}

static Binding *slot(const BindTable *t, TxStr name, uint32_t cls) {
  uint32_t i = hash(name, cls) & (t->cap - 1);
  for (;;) {
    Binding *b = &t->slots[i];
    if (!b->name.ptr || (kind_class(b->kind) == cls && tx_str_eq(b->name, name)))
      return b;
    i = (i + 1) & (t->cap - 1);
  }
}

void tx_ts_bind_put(BindTable *t, const Binding *b) {
  if ((t->count + 1) * 2 > t->cap) {
    BindTable grown = {tx_xcalloc((size_t)t->cap * 2, sizeof(Binding)), t->cap * 2, 0};
    for (uint32_t i = 0; i < t->cap; i++) {
      if (t->slots[i].name.ptr) {
        *slot(&grown, t->slots[i].name, kind_class(t->slots[i].kind)) = t->slots[i];
        grown.count++;
      }
    }
    free(t->slots);
    *t = grown;
  }
  Binding *s = slot(t, b->name, kind_class(b->kind));
  if (!s->name.ptr)
    t->count++;
  *s = *b;
}

const Binding *tx_ts_bind_get(const BindTable *t, TxStr name, BindKind kind) {
  const Binding *b = slot(t, name, kind_class(kind));
  if (!b->name.ptr)
    return NULL;
  if (kind == BIND_CLIENT || kind == BIND_CLIENT_FN)
    return b->kind == kind ? b : NULL;
  return b;
}

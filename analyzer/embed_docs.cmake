# Writes OUT, a C file defining tx_rule_doc(id), tx_rule_summary(id) and
# tx_rule_description(id), from every DOCS_DIR/<id>.md.
# Run as: cmake -DOUT=... -DDOCS_DIR=... -P embed_docs.cmake
#
# A rule's document is the one place its summary and description are written, in its front
# matter (YAML between the first two `---` lines), after `id`, `severity` and `category`:
#   summary: <one sentence on one line>              (--list-rules, SARIF shortDescription)
#   description: >-                                  (SARIF fullDescription)
#     <a few sentences on lines indented by two spaces, joined with single spaces>
# Both lines are taken out of the embedded document (--explain prints the rest as written, and
# SARIF's help is the part after the front matter). A document without either fails the
# build with a message naming it.

# Hex digits "0a2d" -> C initialiser bytes "0x0a,0x2d,".
function(tx_c_bytes hex out)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  set(${out} "${bytes}" PARENT_SCOPE)
endfunction()

# C initialiser bytes, 16 to a line.
function(tx_wrap bytes out)
  string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
  set(${out} "${bytes}" PARENT_SCOPE)
endfunction()

# In `content` (whose front matter ends at byte `fm_end`), the entry that starts a line with
# `head` and goes on as `tail_regex` matches: its byte offset and length into `off` and `len`,
# and those of the part after `head` into `body_off` and `body_len`. Fails the build, naming
# `doc`, the entry's `key` and `what` it is, when the front matter lacks it.
function(tx_front_line doc content fm_end head key tail_regex what off len body_off body_len)
  string(FIND "${content}" "\n${head}" at)
  if(at EQUAL -1 OR at GREATER_EQUAL fm_end)
    message(FATAL_ERROR "${doc}: the front matter has no '${key}' (${what})")
  endif()
  math(EXPR start "${at} + 1")
  string(LENGTH "${head}" head_len)
  math(EXPR text_start "${start} + ${head_len}")
  string(SUBSTRING "${content}" ${text_start} -1 rest)
  string(REGEX MATCH "^${tail_regex}" body "${rest}")
  if(body STREQUAL "")
    message(FATAL_ERROR "${doc}: the front matter's '${key}' is empty or malformed (${what})")
  endif()
  string(LENGTH "${body}" blen)
  math(EXPR total "${head_len} + ${blen}")
  set(${off} ${start} PARENT_SCOPE)
  set(${len} ${total} PARENT_SCOPE)
  set(${body_off} ${text_start} PARENT_SCOPE)
  set(${body_len} ${blen} PARENT_SCOPE)
endfunction()

file(GLOB docs ${DOCS_DIR}/*.md)
list(SORT docs)
set(body "// Generated from rules/*.md by analyzer/embed_docs.cmake. Do not edit.\n")
string(APPEND body "#include <string.h>\n\n#include \"rules/rule.h\"\n\n")
set(table "")
set(i 0)
foreach(doc ${docs})
  get_filename_component(id ${doc} NAME_WE)
  file(READ ${doc} content)
  file(READ ${doc} hex HEX)
  string(SUBSTRING "${content}" 0 4 opening)
  string(FIND "${content}" "\n---\n" fm_end)
  if(NOT opening STREQUAL "---\n" OR fm_end EQUAL -1)
    message(FATAL_ERROR "${doc}: no front matter (a '---' line, the keys, a '---' line)")
  endif()
  tx_front_line(${doc} "${content}" ${fm_end} "summary: " "summary:" "[^\n]+\n"
                "the rule's summary: one sentence on the same line" s_off s_len s_text s_text_len)
  tx_front_line(${doc} "${content}" ${fm_end} "description: >-\n" "description: >-" "(  [^\n]+\n)+"
                "the rule's description: sentences on the lines below, indented by two spaces"
                d_off d_len d_text d_text_len)
  # The summary's bytes without its newline; the description's without the indents and the
  # last newline, each line break with its indent becoming one space.
  math(EXPR at "${s_text} * 2")
  math(EXPR n "(${s_text_len} - 1) * 2")
  string(SUBSTRING "${hex}" ${at} ${n} s_hex)
  math(EXPR at "(${d_text} + 2) * 2")
  math(EXPR n "(${d_text_len} - 3) * 2")
  string(SUBSTRING "${hex}" ${at} ${n} d_hex)
  tx_c_bytes("${s_hex}" s_bytes)
  tx_wrap("${s_bytes}" s_bytes)
  tx_c_bytes("${d_hex}" d_bytes)
  string(REPLACE "0x0a,0x20,0x20," "0x20," d_bytes "${d_bytes}")
  tx_wrap("${d_bytes}" d_bytes)
  # The document without the two entries (the later one cut first, so offsets hold).
  if(s_off LESS d_off)
    set(cuts "${d_off};${d_len};${s_off};${s_len}")
  else()
    set(cuts "${s_off};${s_len};${d_off};${d_len}")
  endif()
  foreach(k 0 2)
    math(EXPR kn "${k} + 1")
    list(GET cuts ${k} off)
    list(GET cuts ${kn} len)
    math(EXPR a "${off} * 2")
    math(EXPR b "(${off} + ${len}) * 2")
    string(SUBSTRING "${hex}" 0 ${a} before)
    string(SUBSTRING "${hex}" ${b} -1 after)
    set(hex "${before}${after}")
  endforeach()
  tx_c_bytes("${hex}" bytes)
  tx_wrap("${bytes}" bytes)
  string(APPEND body "static const char doc_${i}[] = {\n${bytes}0x00};\n")
  string(APPEND body "static const char summary_${i}[] = {\n${s_bytes}0x00};\n")
  string(APPEND body "static const char description_${i}[] = {\n${d_bytes}0x00};\n")
  string(APPEND table "    {\"${id}\", doc_${i}, summary_${i}, description_${i}},\n")
  math(EXPR i "${i} + 1")
endforeach()
string(APPEND body "\nstatic const struct {\n  const char *id;\n  const char *text;\n  const char *summary;\n  const char *description;\n} docs[] = {\n${table}    {NULL, NULL, NULL, NULL}};\n\n")
string(APPEND body "static int find(const char *id) {\n  for (int i = 0; docs[i].id; i++) {\n    if (strcmp(docs[i].id, id) == 0)\n      return i;\n  }\n  return -1;\n}\n\n")
string(APPEND body "const char *tx_rule_doc(const char *id) {\n  int i = find(id);\n  return i < 0 ? NULL : docs[i].text;\n}\n\n")
string(APPEND body "const char *tx_rule_summary(const char *id) {\n  int i = find(id);\n  return i < 0 ? \"\" : docs[i].summary;\n}\n\n")
string(APPEND body "const char *tx_rule_description(const char *id) {\n  int i = find(id);\n  return i < 0 ? \"\" : docs[i].description;\n}\n")
file(WRITE ${OUT}.tmp "${body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUT}.tmp)

// cfg.h: the control flow of one TypeScript function body, as rules see it.
//
// Nodes are the events of the body that rules care about, in evaluation order: every call
// the function makes (database chains included, through TxCall.fact), and every *test*: a
// condition, a `return` or a `throw`, with the plain identifiers it mentions (so a rule can
// tell whether `error` or `data` of a query was looked at). Node 0 is the entry, the last
// node the exit; JOIN nodes only merge paths (loop heads, catch and finally entries).
//
// Edges follow control: sequences, if/else, switch with fall-through and break, loops with
// break and continue, try/catch/finally, return and throw, the short-circuit operators
// `&&`, `||`, `??` and `?:`. Nodes are numbered in creation order, which is evaluation
// order, so every edge goes to a higher node except the back edges of loops: an edge
// `a -> b` with `b <= a` is a back edge, and ignoring them leaves a DAG already in
// topological order.
//
// Exceptions: inside `try`, every call node may throw to the innermost handler (the `catch`
// of a `try` it is in, else the `finally`); a `try` block without call nodes may throw from
// its start (a JOIN). `throw` goes to the innermost handler, or the exit. `finally` runs on
// every way out of its `try` and `catch`: the normal one continues after the statement, and
// the abrupt ones (return, throw, break, continue) leave from a JOIN after the `finally`
// body to where they were going. The edges that control takes by an exception (out of a call
// that threw, a `throw`'s TEST node, or that JOIN) are *thrown* edges (TX_CFG_THROWN, read
// through TxCfgSuccs.thrown): a call left by its thrown edge did not complete, so a write it
// makes did not happen. A call outside `try` that throws leaves the function, which no rule
// needs to see: no edge.
//
// Members of one `Promise.all`/`allSettled`/`race`/`any` appear in source order, and carry
// the same TxCall.parallel_group: rules treat them as unordered.
#ifndef TX_IR_CFG_H
#define TX_IR_CFG_H

#include "ir.h"

typedef enum TxCfgKind {
  TX_CFG_ENTRY,
  TX_CFG_EXIT,
  TX_CFG_JOIN,
  TX_CFG_CALL, // ref: index into TxFile.calls
  TX_CFG_TEST, // ref, ref_count: range of TxCfg.names; a condition, return or throw
} TxCfgKind;

// Flag on an entry of TxCfg.edges: control takes the edge by an exception. Thrown edges
// always go forward.
#define TX_CFG_THROWN (1u << 31)

typedef struct TxCfgNode {
  TxCfgKind kind;
  uint32_t ref;
  uint32_t ref_count; // TEST: number of names; CALL: 1 when the call's value is consumed at
                      // once by a condition, `return` or `throw` (`if (!(await mark(id)))`)
  uint32_t succ;      // successors: edges[succ .. succ + succ_count)
  uint32_t succ_count;
  uint32_t at;    // byte offset in the file where the node's construct starts
  bool negated;   // TEST: the condition is a negation (`!error`), so its true branch is the
                  // one taken when what it names is falsy (non-atomic-writes tells an error
                  // fallback from the write that follows a success)
  bool else_next; // TEST of an `if` whose consequence has no nodes: node test + 1, if any,
                  // begins the else branch (see tx_cfg_true_succ)
} TxCfgNode;

struct TxCfg {
  TxCfgNode *nodes;
  uint32_t node_count; // >= 2: entry and exit
  uint32_t *edges;     // successor node indices, TX_CFG_THROWN set on thrown edges
  uint32_t edge_count;
  TxStr *names; // identifiers mentioned by tests
  uint32_t name_count;
};

// The node an entry of TxCfg.edges goes to.
static inline uint32_t tx_cfg_target(uint32_t edge) {
  return edge & ~TX_CFG_THROWN;
}

static inline bool tx_cfg_back_edge(uint32_t from, uint32_t to) {
  return tx_cfg_target(to) <= from;
}

// Successors of a node in the loop-free view of the graph: its forward edges, and for a
// back edge to a loop head, the head's exits past the node (the last iteration leaving the
// loop). Every successor is greater than the node, so one pass in index order visits nodes
// after all their predecessors.
typedef struct TxCfgSuccs {
  const TxCfg *g;
  uint32_t from;
  uint32_t k;    // next edge of `from`
  uint32_t head; // loop head being expanded, or TX_NONE
  uint32_t h;    // next edge of `head`
  bool thrown;   // the successor last returned is reached by a thrown edge
} TxCfgSuccs;

static inline TxCfgSuccs tx_cfg_succs(const TxCfg *g, uint32_t from) {
  return (TxCfgSuccs){g, from, 0, TX_NONE, 0, false};
}
// Next successor into *to (a node index, flag taken off; `thrown` says how); false when done.
// A node may have a thrown and a normal edge to the same successor (the last call of a `try`
// whose `finally` follows): both are returned.
bool tx_cfg_succs_next(TxCfgSuccs *it, uint32_t *to);

// The successor a TEST node of an `if` goes to when its condition holds. The consequence is
// built right after the test, so that is node `test + 1` when the consequence has nodes;
// when it has none (else_next), it is the test's other successor, past the else branch.
// TX_NONE unless the test has two successors, `test + 1` one of them.
uint32_t tx_cfg_true_succ(const TxCfg *g, uint32_t test);

// True when the test node `n` mentions identifier `name`.
bool tx_cfg_test_mentions(const TxCfg *g, const TxCfgNode *n, TxStr name);

// True when the indices stored in `g` are consistent with a file of `call_count` calls (used
// on cache loads: a crafted pack must not make rules read out of bounds).
bool tx_cfg_valid(const TxCfg *g, uint32_t call_count);

#endif

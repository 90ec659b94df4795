// cfg.c: helpers over control-flow graphs (see cfg.h).
#include "cfg.h"

bool tx_cfg_test_mentions(const TxCfg *g, const TxCfgNode *n, TxStr name) {
  if (n->kind != TX_CFG_TEST || name.len == 0)
    return false;
  for (uint32_t i = 0; i < n->ref_count; i++) {
    if (tx_str_eq(g->names[n->ref + i], name))
      return true;
  }
  return false;
}

uint32_t tx_cfg_true_succ(const TxCfg *g, uint32_t test) {
  if (test >= g->node_count || g->nodes[test].kind != TX_CFG_TEST)
    return TX_NONE;
  const TxCfgNode *n = &g->nodes[test];
  bool next = false;
  uint32_t other = TX_NONE;
  for (uint32_t k = 0; k < n->succ_count; k++) {
    uint32_t edge = g->edges[n->succ + k];
    if (edge & TX_CFG_THROWN)
      continue; // a `throw`'s way out, not a branch
    uint32_t to = tx_cfg_target(edge);
    if (to == test + 1)
      next = true;
    else if (to > test)
      other = to;
  }
  if (!next || other == TX_NONE)
    return TX_NONE;
  return n->else_next ? other : test + 1;
}

bool tx_cfg_valid(const TxCfg *g, uint32_t call_count) {
  if (g->node_count < 2 || g->nodes[0].kind != TX_CFG_ENTRY ||
      g->nodes[g->node_count - 1].kind != TX_CFG_EXIT)
    return false;
  for (uint32_t i = 0; i < g->node_count; i++) {
    const TxCfgNode *n = &g->nodes[i];
    if (n->kind > TX_CFG_TEST)
      return false;
    if (n->kind == TX_CFG_CALL && n->ref >= call_count)
      return false;
    if (n->kind == TX_CFG_TEST && (n->ref > g->name_count || n->ref_count > g->name_count - n->ref))
      return false;
    if (n->succ > g->edge_count || n->succ_count > g->edge_count - n->succ)
      return false;
    for (uint32_t k = 0; k < n->succ_count; k++) {
      uint32_t e = g->edges[n->succ + k];
      if (tx_cfg_target(e) >= g->node_count || ((e & TX_CFG_THROWN) && tx_cfg_back_edge(i, e)))
        return false;
    }
  }
  return true;
}

bool tx_cfg_succs_next(TxCfgSuccs *it, uint32_t *to) {
  const TxCfg *g = it->g;
  for (;;) {
    if (it->head != TX_NONE) {
      const TxCfgNode *h = &g->nodes[it->head];
      while (it->h < h->succ_count) {
        uint32_t t = g->edges[h->succ + it->h++];
        if (tx_cfg_target(t) > it->from) {
          *to = tx_cfg_target(t);
          it->thrown = (t & TX_CFG_THROWN) != 0;
          return true;
        }
      }
      it->head = TX_NONE;
    }
    const TxCfgNode *n = &g->nodes[it->from];
    if (it->k >= n->succ_count)
      return false;
    uint32_t t = g->edges[n->succ + it->k++];
    if (!tx_cfg_back_edge(it->from, t)) {
      *to = tx_cfg_target(t);
      it->thrown = (t & TX_CFG_THROWN) != 0;
      return true;
    }
    it->head = tx_cfg_target(t);
    it->h = 0;
  }
}

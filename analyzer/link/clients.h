// clients.h: who each supabase-js client acts as, across files (see TxClientKind in ir/ir.h).
#ifndef TX_LINK_CLIENTS_H
#define TX_LINK_CLIENTS_H

#include "ir/program.h"
#include "resolve.h"

// For every live TypeScript fact whose client kind the front end left to an import
// (TxFact.client_kind_import), follows the import to the client export that creates the
// client (through re-exports and factories defined from other imports, a few hops deep) and
// sets TxFact.client_kind from it when it is known there. Can't fail.
void tx_link_client_kinds(TxProgram *p, const TxResolver *r);

// Confirms the facts whose client is a parameter nothing in their file calls one
// (TxFact.client_param): a fact stays when some resolved call passes a client there
// (TxCall.client_args), with the kind its callers agree on (unknown when they differ), and is
// dropped otherwise. Runs after call resolution (link/callgraph.h). Can't fail.
void tx_link_client_params(TxProgram *p);

#endif

// js_callbacks.c: see js_callbacks.h.
#include "js_callbacks.h"

TxCallbackRun tx_callback_run(TxStr method) {
  static const struct {
    const char *name;
    TxCallbackRun run;
  } methods[] = {
      {"map", TX_CALLBACK_PER_ELEMENT},
      {"forEach", TX_CALLBACK_PER_ELEMENT},
      {"flatMap", TX_CALLBACK_PER_ELEMENT},
      {"reduce", TX_CALLBACK_PER_ELEMENT},
      {"reduceRight", TX_CALLBACK_PER_ELEMENT},
      {"filter", TX_CALLBACK_PER_ELEMENT},
      {"some", TX_CALLBACK_PER_ELEMENT},
      {"every", TX_CALLBACK_PER_ELEMENT},
      {"find", TX_CALLBACK_PER_ELEMENT},
      {"findIndex", TX_CALLBACK_PER_ELEMENT},
      {"findLast", TX_CALLBACK_PER_ELEMENT},
      {"then", TX_CALLBACK_ONCE},
      {"catch", TX_CALLBACK_ONCE},
      {"finally", TX_CALLBACK_ONCE},
  };
  for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
    if (tx_str_eq_c(method, methods[i].name))
      return methods[i].run;
  }
  return TX_CALLBACK_NOT_RUN;
}

// js_callbacks.h: the one list of JavaScript methods that run the function they are given
// before they return (or as the next step of the same promise chain), read by the front end
// (a callback of `items.map` runs once per element: its calls are in a loop) and by the call
// graph (such a callback is part of the function that passes it).
#ifndef TX_IR_JS_CALLBACKS_H
#define TX_IR_JS_CALLBACKS_H

#include "base/str.h"

typedef enum TxCallbackRun {
  TX_CALLBACK_NOT_RUN,     // not a method of the list: `useCallback`, `setTimeout`, `emitter.on`
  TX_CALLBACK_ONCE,        // promise continuations: `then`, `catch`, `finally`
  TX_CALLBACK_PER_ELEMENT, // array iteration: `map`, `forEach`, `reduce`, `find`, ...
} TxCallbackRun;

// How a method named `method` (called on a receiver: `x.map(fn)`) runs the callbacks passed
// to it. Whether the receiver is what the name suggests (an array, a promise) is not known.
TxCallbackRun tx_callback_run(TxStr method);

#endif

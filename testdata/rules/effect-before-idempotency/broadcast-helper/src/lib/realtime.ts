// A project's own broadcast: it loops over open sockets and calls `s.send`, which matches no
// effect_calls pattern. `broadcast` itself is one, so calls to it stay effects.
type Sock = { send(msg: string): void };
const sockets = new Set<Sock>();

export function register(s: Sock) {
  sockets.add(s);
}

export function broadcast(msg: string) {
  for (const s of sockets) s.send(msg);
}

// Not named like an effect, and its body shows none: not an effect.
export function remember(msg: string) {
  return msg.length;
}

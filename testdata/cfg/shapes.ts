// Control-flow shapes; ci/tests/cfg_golden.sh compares their graphs with shapes.expected.
declare function a(): boolean;
declare function b(): void;
declare function c(): void;
declare function d(x?: unknown): void;

export function ifElse() {
  if (a()) b();
  else c();
  d();
}

export function earlyReturn() {
  if (a()) return;
  b();
}

export function loopBreakContinue(xs: number[]) {
  for (const x of xs) {
    if (x) continue;
    if (a()) break;
    b();
  }
  c();
}

export function whileDo() {
  while (a()) b();
  do c(); while (a());
}

export function switchFallThrough(k: number) {
  switch (k) {
    case 1:
      b();
    case 2:
      c();
      break;
    default:
      d();
  }
}

export function tryCatchFinally() {
  try {
    b();
    c();
  } catch (e) {
    d(e);
  } finally {
    a();
  }
}

export function shortCircuit() {
  const ok = a() && b();
  const v = ok ? c() : d();
  return v ?? d();
}

export async function parallel() {
  await Promise.all([b(), c()]);
}

export function throwInTry() {
  try {
    if (a()) throw new Error('x');
    b();
  } catch {
    c();
  }
}

export function nestedTry() {
  try {
    try {
      b();
    } catch {
      c();
    }
    d();
  } catch {
    a();
  }
}

export function finallyAfterReturnAndThrow() {
  try {
    if (a()) return;
    throw 'bad';
  } finally {
    b();
  }
  c();
}

export function breakThroughFinally(xs: number[]) {
  for (const x of xs) {
    try {
      if (x) break;
      b();
    } finally {
      c();
    }
  }
  d();
}

export function tryWithoutCalls(s: string) {
  let v;
  try {
    v = s.length;
  } catch {
    b();
  }
  return v;
}

export function rethrowToOuterCatch() {
  try {
    try {
      b();
    } finally {
      c();
    }
  } catch {
    d();
  }
}

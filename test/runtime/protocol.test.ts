// The frame protocol exercised by hand-written compiled code (the shape of
// docs/frame-protocol.md), independent of the compiler: if these fail, the runtime
// side of the contract is broken.
import { describe, it, expect, afterEach } from "vitest";
import { rt, runToCompletion } from "../../runtime/protocol.js";

const $m = rt.module("test/runtime/protocol.test.ts");
const $c_fib = $m.code({ id: "test#fib", name: "fib", hash: "0", vars: ["n", "$t0", "$t1"], pcs: [], line: 1, column: 0 });

// fib as the compiler emits it: prologue, tick at entry (pc 1), two call sites (pc 2, 3).
function fib(this: unknown, n: number): unknown {
  let $pc = 0, $d: number, $t0: any, $t1: any;
  if (rt.callee !== fib) {
    if (rt.callee !== rt.RESUME) return rt.nested(fib, this, arguments, new.target);
    const f = rt.frame!;
    $pc = f.pc;
    [n, $t0, $t1] = f.vars as [number, unknown, unknown];
  }
  rt.callee = rt.NOBODY;
  if (($d = ++rt.depth) > rt.maxDepth) return rt.overflow(fib as any, this, [n, $t0, $t1]);
  switch ($pc) {
    default:
    case 1:
      if ($pc) { $pc = 0; rt.take(); }
      else if ((rt.budget -= 1) < 0) { rt.callee = rt.tick; rt.tick(); if (rt.unwinding) return rt.save(fib as any, 1, this, [n, $t0, $t1]); }
      if (n < 2) { rt.depth = $d - 1; return n; }
    case 2:
      if ($pc) { $pc = 0; $t0 = rt.take(); }
      else { rt.callee = fib; $t0 = fib(n - 1); if (rt.unwinding) return rt.save(fib as any, 2, this, [n, $t0, $t1]); }
    case 3:
      if ($pc) { $pc = 0; $t1 = rt.take(); }
      else { rt.callee = fib; $t1 = fib(n - 2); if (rt.unwinding) return rt.save(fib as any, 3, this, [n, $t0, $t1]); }
      rt.depth = $d - 1;
      return $t0 + $t1;
  }
}
$m.fn($c_fib, fib);

afterEach(() => { rt.forceUnwind = false; rt.budget = 0x3fffffff; rt.maxDepth = 1500; });

describe("frame protocol (hand-compiled code)", () => {
  it("runs compiled code called from plain code as a nested segment", () => {
    expect(fib(15)).toBe(610);
    expect(rt.nesting).toBe(0);
  });

  it("gives the same result when every tick unwinds to the trampoline and resumes", () => {
    rt.forceUnwind = true;
    rt.budget = -1;
    expect(runToCompletion(fib, undefined, [12])).toBe(144);
  });

  it("bounds recursion by the heap: overflow unwinds and restarts the deep frame", () => {
    rt.maxDepth = 5;
    expect(runToCompletion(fib, undefined, [18])).toBe(2584);
    expect(rt.unwinding).toBe(false);
  });

  it("delivers a thrown error to the resumed caller's call site", () => {
    function boom(): never { throw new Error("deep"); }
    rt.forceUnwind = true;
    rt.budget = -1;
    // fib calls fib; a plain throw from inside must reach the plain caller unchanged.
    expect(() => runToCompletion(boom)).toThrow("deep");
  });
});

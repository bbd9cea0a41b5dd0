// Soft switching with hand-compiled tasklet code (the shape docs/frame-protocol.md
// fixes), so the runtime's side is tested independently of the compiler.
import { describe, it, expect } from "vitest";
import { rt } from "../../runtime/protocol.js";
import { Tasklet, Channel, run, schedule, getRunCount } from "stackless-ts";

const $m = rt.module("test/runtime/soft.test.ts");
const code = (name: string, vars: string[]) => $m.code({ id: `test#${name}`, name, hash: "0", vars, pcs: [], line: 1, column: 0 });

/** for (let i = 0; i < n; i++) ch.send(i) */
function sender(this: unknown, ch: Channel<number>, n: number): unknown {
  let $pc = 0, $d: number, $f, i = 0, $t0: any;
  if (rt.callee !== sender) {
    if (rt.callee !== rt.RESUME) return rt.nested(sender, this, arguments, new.target);
    $f = rt.frame!; $pc = $f.pc; ch = $f.vars[0] as any; n = $f.vars[1] as any; i = $f.vars[2] as any;
  }
  rt.callee = rt.NOBODY; $d = ++rt.depth;
  switch ($pc) {
    default: i = 0;
    case 1:
      for (; $pc || i < n; i++) {
        switch ($pc) {
          default: case 1:
            if ($pc) { $pc = 0; rt.take(); }
            else { $t0 = ch.send; rt.callee = $t0; $t0.call(ch, i); if (rt.unwinding) return rt.save(sender as any, 1, this, [ch, n, i, $t0]); }
        }
      }
      rt.depth = $d - 1; return undefined;
  }
}
$m.fn(code("sender", ["ch", "n", "i", "$t0"]), sender);

/** let s = 0; for (let i = 0; i < n; i++) s += ch.receive(); out.push(s) */
function receiver(this: unknown, ch: Channel<number>, n: number, out: number[]): unknown {
  let $pc = 0, $d: number, $f, i = 0, s = 0, $t0: any, $t1: any;
  if (rt.callee !== receiver) {
    if (rt.callee !== rt.RESUME) return rt.nested(receiver, this, arguments, new.target);
    $f = rt.frame!; $pc = $f.pc; ch = $f.vars[0] as any; n = $f.vars[1] as any; out = $f.vars[2] as any; i = $f.vars[3] as any; s = $f.vars[4] as any;
  }
  rt.callee = rt.NOBODY; $d = ++rt.depth;
  switch ($pc) {
    default: s = 0; i = 0;
    case 1:
      for (; $pc || i < n; i++) {
        switch ($pc) {
          default: case 1:
            if ($pc) { $pc = 0; $t1 = rt.take(); }
            else { $t0 = ch.receive; rt.callee = $t0; $t1 = $t0.call(ch); if (rt.unwinding) return rt.save(receiver as any, 1, this, [ch, n, out, i, s]); }
            s += $t1;
        }
      }
      out.push(s);
      rt.depth = $d - 1; return undefined;
  }
}
$m.fn(code("receiver", ["ch", "n", "out", "i", "s"]), receiver);

/** for (let i = 0; i < n; i++) { log.push(tag + i); schedule(); } */
function yielder(this: unknown, tag: string, n: number, log: string[]): unknown {
  let $pc = 0, $d: number, $f, i = 0;
  if (rt.callee !== yielder) {
    if (rt.callee !== rt.RESUME) return rt.nested(yielder, this, arguments, new.target);
    $f = rt.frame!; $pc = $f.pc; tag = $f.vars[0] as any; n = $f.vars[1] as any; log = $f.vars[2] as any; i = $f.vars[3] as any;
  }
  rt.callee = rt.NOBODY; $d = ++rt.depth;
  switch ($pc) {
    default: i = 0;
    case 1:
      for (; $pc || i < n; i++) {
        switch ($pc) {
          default: log.push(tag + i);
          case 1:
            if ($pc) { $pc = 0; rt.take(); }
            else { rt.callee = schedule; schedule(); if (rt.unwinding) return rt.save(yielder as any, 1, this, [tag, n, log, i]); }
        }
      }
      rt.depth = $d - 1; return undefined;
  }
}
$m.fn(code("yielder", ["tag", "n", "log", "i"]), yielder);

describe("soft switching (hand-compiled tasklet code)", () => {
  it("two tasklets exchange 10^6 messages without growing the JS stack", () => {
    const ch = new Channel<number>();
    const out: number[] = [];
    const n = 1_000_000;
    new Tasklet(sender).setup(ch, n);
    new Tasklet(receiver).setup(ch, n, out);
    const t0 = performance.now();
    run();
    const ms = performance.now() - t0;
    expect(out).toEqual([(n * (n - 1)) / 2]);
    expect(ch.balance).toBe(0);
    expect(getRunCount()).toBe(1);
    console.log(`[info] channel message: ${((ms * 1e6) / n).toFixed(0)} ns`);
  });

  it("schedule() round-robins soft tasklets in order", () => {
    const log: string[] = [];
    new Tasklet(yielder).setup("a", 3, log);
    new Tasklet(yielder).setup("b", 3, log);
    run();
    expect(log).toEqual(["a0", "b0", "a1", "b1", "a2", "b2"]);
  });

  it("a soft tasklet is restorable while suspended, with its frames visible", () => {
    const log: string[] = [];
    const t = new Tasklet(yielder).setup("x", 2, log);
    const u = new Tasklet(yielder).setup("y", 1, log);
    schedule(); // main yields: t runs until its schedule(), then u, then main
    expect(t.restorable).toBe(true);
    expect(t.frame?.functionName).toBe("yielder");
    expect(t.frame?.locals.i).toBe(0);
    expect(t.recursionDepth).toBe(1);
    run();
    expect(log).toEqual(["x0", "y0", "x1"]);
    expect(u.alive).toBe(false);
  });

  it("preference -1: main sending to a blocked soft receiver runs it first (R, B, main)", () => {
    const ch = new Channel<number>();
    const log: string[] = [];
    const out: number[] = [];
    new Tasklet(receiver).setup(ch, 1, out);
    run(); // the receiver blocks
    new Tasklet(() => log.push("B")).setup();
    ch.send(5);
    log.push("main");
    run();
    expect(out).toEqual([5]);
  });
});

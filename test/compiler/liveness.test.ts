/**
 * Liveness of temporaries at resume points (compiler/analysis/liveness.ts, protocol
 * rule 3): a record carries only the temporaries the code after its pc may read, so a
 * tasklet paused after a call on a plain (unpicklable) object pickles, and what is
 * carried is still enough to finish exactly as the original does.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { Channel, PickleError, Tasklet, pickle, run, unpickle } from "stackless-ts";
import { loadTaskletModule } from "../helpers/compiled.js";
import { liveTasklets } from "../../runtime/scheduler.js";
import { compileChecked } from "./helpers.js";

let m: Record<string, any>;

beforeAll(async () => {
  m = await loadTaskletModule(
    "liveness",
    `
import { Channel } from "stackless-ts";
import { Writable } from "node:stream";
// A Node object: neither it nor Writable.prototype.write can be pickled.
export const sink = new Writable({ write(_c, _e, cb) { cb(); } });
(sink as any).unpicklable = () => 0;
export const log: string[] = [];

export function afterPlainCall(ch: Channel<number>): void {
  sink.write("start");                 // $t = sink.write: dead once the call returned
  const a = ch.receive();
  log.push("got " + a);
}

export function logReceive(ch: Channel<number>): void {
  log.push(String(ch.receive()));
  console.log.length;                  // console and console.log pickle by reference
  log.push("again " + ch.receive());
}

export function loopOverArray(ch: Channel<number>, xs: number[]): number {
  let sum = 0;
  new Writable({ write(_c, _e, cb) { cb(); } }).write("x");   // temporaries only
  for (const x of xs) {                // the array temp is live across the loop
    sum += x * ch.receive();
    log.push("sum " + sum);
  }
  return sum;
}

export function afterStringLoop(ch: Channel<number>, word: string): void {
  for (let round = 0; round < 2; round++) {
    const n = ch.receive();            // the string iterator of round 0 is dead here
    if (round === 0) for (const c of word) log.push(c + n);
    else log.push("round 1 got " + n);
  }
}

export function sinkPerIteration(ch: Channel<number>): void {
  for (let round = 0; round < 2; round++) {
    const n = ch.receive();
    const sink = new Writable({ write(_c, _e, cb) { cb(); } });
    sink.write(String(n));
    log.push("wrote " + n);
  }
}

export function liveCallee(ch: Channel<number>): void {
  // sink.write is read before its argument is evaluated (JavaScript's order), and is
  // called after the receive: it is live while the tasklet waits.
  sink.write(String(ch.receive()));
}
`,
  );
});

afterEach(() => {
  for (const t of [...liveTasklets]) t.kill();
  run();
  m.log.splice(0);
});

describe("liveness of temporaries", () => {
  it("a tasklet blocked after a call on a Node object pickles and finishes like the original", () => {
    const ch = new Channel<number>();
    const t = new Tasklet(m.afterPlainCall).setup(ch);
    run();
    expect(t.blocked).toBe(true);
    const copy = unpickle(pickle(t)) as Tasklet;
    ch.send(1);
    ((copy as any).blockedOn as Channel<number>).send(2);
    run();
    expect(m.log).toEqual(["got 1", "got 2"]);
  });

  it("console.log(ch.receive()): the pending call's callee and receiver pickle (by reference)", () => {
    const ch = new Channel<number>();
    const t = new Tasklet(m.logReceive).setup(ch);
    run();
    const copy = unpickle(pickle(t)) as Tasklet;
    const ch2 = (copy as any).blockedOn as Channel<number>;
    ch.send(1);
    ch2.send(10);
    // Both are blocked in the second receive now: pickle again there.
    const copy2 = unpickle(pickle(copy)) as Tasklet;
    const ch3 = (copy2 as any).blockedOn as Channel<number>;
    ch.send(2);
    ch2.send(20);
    ch3.send(30);
    run();
    expect(m.log).toEqual(["1", "10", "again 2", "again 20", "again 30"]);
  });

  it("a temporary assigned before a loop is carried by every record inside it", () => {
    const ch = new Channel<number>();
    const t = new Tasklet(m.loopOverArray).setup(ch, [1, 2, 3]);
    run();
    ch.send(10); // first iteration done; blocked in the second
    const copy = unpickle(pickle(t)) as Tasklet;
    const ch2 = (copy as any).blockedOn as Channel<number>;
    for (const c of [ch, ch2]) {
      c.send(100);
      c.send(1000);
    }
    run();
    expect(m.log).toEqual(["sum 10", "sum 210", "sum 3210", "sum 210", "sum 3210"]);
  });

  it("a for-of over a string that ended is not carried by the records after it", () => {
    // A string's iterator does not pickle (docs/unsupported.md); a path-insensitive
    // liveness once counted it live wherever a later iteration could reach the loop.
    const ch = new Channel<number>();
    const t = new Tasklet(m.afterStringLoop).setup(ch, "ab");
    run();
    ch.send(1);
    const copy = unpickle(pickle(t)) as Tasklet;
    ch.send(2);
    ((copy as any).blockedOn as Channel<number>).send(3);
    run();
    expect(m.log).toEqual(["a1", "b1", "round 1 got 2", "round 1 got 3"]);
  });

  it("a const of the last loop iteration is not carried by a pause before its declaration in the next one", () => {
    // The slot still holds the last iteration's Writable there (not picklable); the
    // binding itself is not initialized yet, and dead.
    const ch = new Channel<number>();
    const t = new Tasklet(m.sinkPerIteration).setup(ch);
    run();
    ch.send(1);
    expect(t.blocked).toBe(true);
    const copy = unpickle(pickle(t)) as Tasklet;
    ch.send(2);
    ((copy as any).blockedOn as Channel<number>).send(3);
    run();
    expect(m.log).toEqual(["wrote 1", "wrote 2", "wrote 3"]);
  });

  it("a live temporary holding a plain function still fails with PickleError naming it; nothing changes", () => {
    const ch = new Channel<number>();
    const t = new Tasklet(m.liveCallee).setup(ch);
    run();
    expect(() => pickle(t)).toThrow(PickleError);
    expect(() => pickle(t)).toThrow(/frame liveCallee .*local '\$t\d+'/);
    ch.send(5);
    run();
    expect(t.alive).toBe(false);
  });

  it("dead temporaries are saved as void 0, live ones by name", () => {
    const { code } = compileChecked(
      `declare const o: any; declare function f(x: unknown): number;
       export function g(a: number) { const r = o.m(f(a)); return r + f(r); }`,
      { filename: "/virtual/live.ts", moduleId: "live.ts" },
    );
    const saves = [...code.matchAll(/\$rt\.save\(g, (\d+), this, \[([^\]]*)\]\)/g)].map((x) => [Number(x[1]), x[2]]);
    // pc 1: entry tick; 2: f(a) with o and o.m pending (live); 3: o.m(…); 4: f(r).
    // r is not initialized before pc 4 (and dead): not saved there.
    const expected = [
      [1, "a, void 0, void 0, void 0, void 0, void 0, void 0"],
      [2, "a, void 0, $t0, $t1, void 0, void 0, void 0"],
      [3, "a, void 0, void 0, void 0, void 0, void 0, void 0"],
      [4, "a, r, void 0, void 0, void 0, void 0, void 0"],
    ];
    // The hot copy of the body (rule 13) saves the same slots at the same pcs as the
    // routed original after it.
    expect(saves).toEqual([...expected, ...expected]);
  });
});

// The watchdog on real compiled tasklet code: run(timeout) interrupts a runaway tasklet
// (with or without calls in its loop), returns it out of the queue, and the program
// goes on; atomic tasklets are never interrupted; soft waits for a switch point.
import { describe, it, expect, beforeAll, afterEach } from "vitest";
import { Tasklet, run, schedule, getRunCount, pickle, unpickle } from "stackless-ts";
import { liveTasklets } from "../../runtime/scheduler.js";
import { loadTaskletModule } from "../helpers/compiled.js";

let m: Record<string, any>;

beforeAll(async () => {
  m = await loadTaskletModule(
    "watchdog",
    `
import { schedule } from "stackless-ts";
export const counters = { spin: 0, calls: 0, polite: 0, bulk: 0 };
export function spin(): void { for (;;) { counters.spin++; } }
function inc(): number { return ++counters.calls; }
export function spinCalls(): void { while (true) inc(); }
export function polite(n: number): void { for (let i = 0; i < n; i++) { counters.polite++; schedule(); } }
export function busyFor(n: number): number { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }
export function spinBulk(): void { for (;;) { let s = 0; for (let j = 0; j < 1000; j++) { s += j; s ^= 7; s += 3; s -= 1; } counters.bulk += s & 0 | 1; } }
`,
  );
});

afterEach(() => {
  for (const t of [...liveTasklets]) t.kill();
  run();
});

// Hard mode (STACKLESS_HARD=1) spends every tick on unwinding, so the watchdog never sees one.
describe.skipIf(process.env.STACKLESS_HARD === "1")("watchdog", () => {
  it("interrupts `for (;;) {}` without calls; the tasklet can then be killed and main goes on", () => {
    const t = new Tasklet(m.spin).setup();
    const victim = run(1000);
    expect(victim).toBe(t);
    expect(t.scheduled).toBe(false);
    expect(t.alive).toBe(true);
    expect(m.counters.spin).toBeGreaterThan(0);
    expect(getRunCount()).toBe(1);
    t.kill();
    expect(t.alive).toBe(false);
  });

  it("interrupts a loop of calls, and an interrupted tasklet can be inserted and interrupted again", () => {
    const t = new Tasklet(m.spinCalls).setup();
    expect(run(500)).toBe(t);
    const first = m.counters.calls;
    t.insert();
    expect(run(500)).toBe(t);
    expect(m.counters.calls).toBeGreaterThan(first);
  });

  it("an interrupted tasklet pickles and its copy resumes where it was interrupted", () => {
    const t = new Tasklet(m.spinCalls).setup();
    expect(run(300)).toBe(t);
    const copy = unpickle(pickle(t)) as Tasklet;
    t.kill();
    const before = m.counters.calls;
    copy.insert();
    expect(run(300)).toBe(copy);
    expect(m.counters.calls).toBeGreaterThan(before);
  });

  it("tasklets that switch often are never interrupted; run() returns null when all finish", () => {
    new Tasklet(m.polite).setup(50);
    new Tasklet(m.polite).setup(50);
    expect(run(10_000)).toBeNull();
    expect(m.counters.polite).toBe(100);
  });

  it("an atomic tasklet is not interrupted", () => {
    const t = new Tasklet(m.busyFor).bind(null, [200_000]);
    t.setAtomic(true);
    t.insert();
    expect(run(100)).toBeNull();
    expect(t.alive).toBe(false);
  });

  it("soft: a pure CPU loop is not interrupted; the interrupt fires at its next switch", () => {
    // Stackless: run() returns None at that switch and the tasklets stay queued.
    const t = new Tasklet(m.polite).setup(3);
    const victim = run(1, { soft: true });
    expect(victim).toBeNull();
    expect(t.scheduled).toBe(true);
    t.kill();
  });

  it("the interrupt latency is bounded: few instructions run past the timeout", () => {
    // busyFor charges a few instructions per iteration; with timeout T the interrupt
    // comes at the first loop check past T.
    m.counters.spin = 0;
    const t = new Tasklet(m.spin).setup();
    expect(run(10_000)).toBe(t);
    // spin's loop body is one statement plus the loop check: about 2 per iteration.
    expect(m.counters.spin).toBeGreaterThan(2000);
    expect(m.counters.spin).toBeLessThanOrEqual(10_000);
  });

  it("a timeout beyond the int32 budget (2^31 and more) is counted in full", () => {
    // rt.budget holds at most 2^30 - 1 (compiled charges are int32): the rest of a longer
    // slice waits in the watchdog. So run(T) must interrupt after T instructions, not after
    // 2^30 (rest dropped) nor at once (T wrapped to a negative int32).
    const iterations = (timeout: number): number => {
      m.counters.bulk = 0;
      const t = new Tasklet(m.spinBulk).setup();
      expect(run(timeout)).toBe(t);
      t.kill();
      return m.counters.bulk;
    };
    const small = 2 ** 24;
    const large = 2 ** 31 + 2 ** 24;
    const perSmall = iterations(small);
    const perLarge = iterations(large);
    expect(perSmall).toBeGreaterThan(100);
    // each outer iteration charges the same, so the ratio of iterations is the ratio of timeouts
    expect(perLarge / perSmall).toBeGreaterThan((large / small) * 0.97);
    expect(perLarge / perSmall).toBeLessThan((large / small) * 1.03);
  });
});

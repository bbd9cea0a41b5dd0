// Watchdog interrupt latency, per runaway shape: how many instructions a runaway runs in
// the slice in which run(timeout) interrupts it, against `timeout`, and how long one
// run(timeout) round (switch in, run the slice, interrupt, switch out) takes.
//
//   npm run build && node bin/stackless.js run scripts/watchdog-latency.ts [timeout...]
//
// "Instructions" are what compiled code charges to rt.budget (API.md "Watchdog
// instructions"). We see them by wrapping the protocol's tick hook: between two ticks a
// slice charges (budget after the last reset) - (budget now), and the schedule callback
// marks where each slice starts. Compiled code checks the budget at the top of each
// block, so the interrupt comes before the block that would overrun: "over" is what
// was charged past the timeout (at most one block's charge, which is not run). Plain
// code (nestingLevel > 0) and atomic sections charge nothing and are never interrupted:
// for them we give the wall time from the first deferred tick to the interrupt.
import { Tasklet, run, getCurrent, setScheduleCallback } from "stackless-ts";
import { installHooks, rt } from "stackless-ts/protocol";
import { SHAPES } from "../fixtures/runaway/shapes.js";
import { installProbe } from "./watchdog-latency-probe.cjs";

const ROUNDS = 200;
const timeouts = process.argv.slice(2).map(Number);
if (timeouts.length === 0) timeouts.push(100, 1000, 10_000);

// --- instrumentation ------------------------------------------------------------------

const state = {
  victim: null as Tasklet | null,
  timeout: 0,
  charged: 0,
  lastReset: 0,
  /** performance.now() of the first tick that could not interrupt, or 0 */
  deferredAt: 0,
  /** instructions charged in each interrupted slice */
  slices: [] as number[],
  /** ms from a deferred interrupt to the interrupt */
  deferrals: [] as number[],
};
installProbe(installHooks, rt, getCurrent, state);

setScheduleCallback((_from, to) => {
  if (to !== null && to === state.victim) {
    state.charged = 0;
    state.lastReset = state.timeout; // startSlice() runs right after the callback
  }
});

// --- shapes --------------------------------------------------------------------------

const callPlain = new Function("f", "return f();") as <R>(f: () => R) => R;
let sink = 0;
const EXTRA: Record<string, () => unknown> = {
  // 20000 iterations of plain-code callback, then a counted loop: the interrupt waits.
  nestedBoundedCallback: () => {
    for (;;) {
      callPlain(() => {
        for (let i = 0; i < 20_000; i++) sink++;
      });
      for (let i = 0; i < 10; i++) sink++;
    }
  },
  atomicBoundedSection: () => {
    for (;;) {
      const prev = getCurrent().setAtomic(true);
      for (let i = 0; i < 20_000; i++) sink++;
      getCurrent().setAtomic(prev);
      for (let i = 0; i < 10; i++) sink++;
    }
  },
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor(s.length / 2)]!;
}

const rows: string[][] = [["shape", "timeout", "charged/slice min..max", "over timeout (max)", "us per run() (median)", "deferred ms (median)"]];
for (const t of timeouts) {
  state.timeout = t;
  for (const [name, fn] of Object.entries({ ...SHAPES, ...EXTRA })) {
    state.slices.length = 0;
    state.deferrals.length = 0;
    const task = new Tasklet(fn).setup();
    state.victim = task;
    const times: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const t0 = performance.now();
      const v = run(t);
      times.push((performance.now() - t0) * 1000);
      if (v !== task) throw new Error(`${name}: run(${t}) returned ${v}`);
      task.insert();
    }
    state.victim = null;
    task.remove();
    task.kill();
    // The first slice includes starting the tasklet; the counted slices are the rest.
    const counted = state.slices.slice(1);
    const min = Math.min(...counted);
    const max = Math.max(...counted);
    rows.push([
      name,
      String(t),
      `${min}..${max}`,
      String(Math.max(0, max - t)),
      median(times).toFixed(1),
      state.deferrals.length > 0 ? median(state.deferrals).toFixed(3) : "-",
    ]);
  }
}
setScheduleCallback(null);

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  "));
console.log(`node ${process.version}; ${ROUNDS} rounds per row (interrupt, insert(), run again)`);

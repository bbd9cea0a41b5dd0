// W8 interrupt latency (issue 5's floor): how many instructions a runaway runs
// past run(timeout) before the watchdog interrupts it, and what one interrupt
// costs. Each shape of bench/programs/runaway.js (compiled, counting on) runs
// as a tasklet under run(T) again and again (T cycling through 1,000, 10,007
// and 99,991 so the interrupt falls at different places in its loops); after
// each interrupt the tasklet is inserted again.
//   past  instructions run past T at the interrupt: the budget's overshoot when
//         the tick comes (rt.budget, exact under an armed watchdog: docs/
//         frame-protocol.md rule 9), the largest over all interrupts of a rep
//   cycle µs per run(1000) that interrupts, with its insert(): 1,000
//         instructions of the shape plus the tick, unwind, return and resume
// Stackless interrupts at the first check after the count reaches the timeout;
// "past" is what that check granularity costs here (a block's charge).

import { installHooks, rt } from "stackless-ts/protocol";
import { timeIt } from "../lib/rep.js";

const SHAPES = ["loop", "counted", "calls", "recursion", "callback", "generator"];
const TIMEOUTS = [1000, 10007, 99991];

export function jobs({ quick }) {
  const rows = {};
  for (const s of SHAPES) {
    rows[`${s}_past`] = { workload: `W8 ${s} past`, params: `run(T), T in 10^3..10^5`, unit: "instr", baseline: null };
    rows[`${s}_cycle`] = { workload: `W8 ${s} cycle`, params: `run(1000) + insert()`, unit: "µs", baseline: null };
  }
  return [{ name: "stackless", variants: ["compiled"], n: quick ? 300 : 3000, rows }];
}

export async function runJob(job, ctx) {
  const { Tasklet, run } = await ctx.loadRuntime();
  const prog = await ctx.loadProgram("runaway", "compiled");
  let past = 0;
  const prev = installHooks({
    tick(direct) {
      past = -rt.budget; // exact (negative) when the tick comes under an armed watchdog
      return prev.tick(direct);
    },
  });
  try {
    for (const shape of SHAPES) {
      const s = { n: 0 };
      const t = new Tasklet(prog[shape]).setup(s);
      const interrupt = (T) => {
        if (run(T) !== t) throw new Error(`W8 ${shape}: run(${T}) did not interrupt the runaway`);
        t.insert();
      };
      interrupt(1000); // starts it
      await ctx.measureRow(`${shape}_past`, async () => {
        const { stats, check } = await ctx.sample(() => {
          let worst = 0;
          const n0 = s.n;
          const m = timeIt(() => {
            for (let i = 0; i < job.n; i++) {
              interrupt(TIMEOUTS[i % 3]);
              if (past > worst) worst = past;
            }
          });
          if (s.n === n0) throw new Error(`W8 ${shape}: no progress`);
          return { metrics: { [`${shape}_past`]: worst }, wallMs: m.wallNs / 1e6, check: "ok" };
        }, { warmup: 1, minReps: 5, maxReps: 5 });
        ctx.record(stats, check);
      });
      await ctx.measureRow(`${shape}_cycle`, async () => {
        const { stats, check } = await ctx.sample(() => {
          const m = timeIt(() => {
            for (let i = 0; i < job.n; i++) interrupt(1000);
          });
          return { metrics: { [`${shape}_cycle`]: m.wallNs / 1e3 / job.n }, cpu: { [`${shape}_cycle`]: m.cpuNs / 1e3 / job.n }, wallMs: m.wallNs / 1e6, check: "ok" };
        }, { warmup: 1, minReps: 5, maxReps: 9 });
        ctx.record(stats, check);
      });
      t.kill();
    }
  } finally {
    installHooks(prev);
  }
}

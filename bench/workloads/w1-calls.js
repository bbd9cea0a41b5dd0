// W1 calls: recursive fib(30), native vs compiled vs compiled without
// instruction counting. The compiled fib is called from plain code (this
// harness), so its first frame is entered nested and the rest are direct calls.

import { msRep } from "../lib/rep.js";

const VARIANTS = ["native", "compiled", "compiled-nocount"];

export function jobs({ quick }) {
  const n = quick ? 25 : 30;
  return VARIANTS.map((variant) => ({
    name: variant,
    variant,
    rows: {
      fib: {
        workload: "W1 fib",
        params: `fib(${n}), one call tree per rep`,
        unit: "ms",
        baseline: "native",
        target: variant === "compiled" ? { maxRatio: 1.3, text: "≤ 1.3x native" } : undefined,
      },
    },
    n,
  }));
}

export async function runJob(job, ctx) {
  const prog = await ctx.loadProgram("fib", job.variant);
  const { stats, check } = await ctx.sample(() => msRep("fib", () => prog.bench(job.n)), {
    warmup: ctx.quick ? 2 : 5,
    minReps: ctx.quick ? 5 : 15,
    maxReps: ctx.quick ? 5 : 40,
  });
  ctx.record(stats, check);
}

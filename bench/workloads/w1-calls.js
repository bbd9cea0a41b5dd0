// W1 calls: recursive fib(30), native vs compiled vs compiled without
// instruction counting, measured interleaved in one process. The compiled fib
// is called from plain code (this harness), so its first frame is entered
// nested and the rest are direct calls.

import { msRep } from "../lib/rep.js";

export function jobs({ quick }) {
  const n = quick ? 25 : 30;
  return [
    {
      name: "fib",
      variants: ["native", "compiled", "compiled-nocount"],
      n,
      rows: {
        fib: {
          workload: "W1 fib",
          params: `fib(${n}), one call tree per rep`,
          unit: "ms",
          baseline: "native",
          targets: { compiled: { maxRatio: 1.3, text: "≤ 1.3x native" } },
        },
      },
    },
  ];
}

export async function runJob(job, ctx) {
  await ctx.interleave(
    async (variant) => {
      const prog = await ctx.loadProgram("fib", variant);
      return () => msRep("fib", () => prog.bench(job.n));
    },
    { warmup: ctx.quick ? 2 : 5, minReps: ctx.quick ? 5 : 15, maxReps: ctx.quick ? 5 : 40 },
  );
}

// W7 counting: what instruction counting (issue 5, protocol rule 9) costs. Each
// CPU-bound program is compiled twice, with counting (the default) and without
// (compile option count: false), and both run interleaved with native in one
// process. The row that matters is "compiled" against its baseline
// "compiled-nocount"; native is there so the run also shows where both stand.
// Three processes per program, the median of their medians: V8 settles richards in a
// fast or a slow state per process, and one process would decide the ratio alone.

import { PROGRAMS, SIZES } from "./w2-cpu.js";

const FIB = { full: 30, quick: 25, what: (n) => `fib(${n})` };

export function jobs({ quick }) {
  const out = [];
  for (const [name] of [["fib"], ...PROGRAMS]) {
    const size = name === "fib" ? FIB : SIZES[name];
    const n = quick ? size.quick : size.full;
    out.push({
      name,
      variants: ["compiled-nocount", "compiled", "native"],
      program: name,
      n,
      processes: 3,
      rows: {
        [name]: {
          workload: `W7 ${name}`,
          params: `${size.what(n)}; ratio to compiled without counting`,
          unit: "ms",
          baseline: "compiled-nocount",
          targets: { compiled: { maxRatio: 1.1, text: "≤ 1.1x without counting" } },
        },
      },
    });
  }
  return out;
}

// Measured like W2 (interleaved, same repetitions), over three variants.
export { runJob } from "./w2-cpu.js";

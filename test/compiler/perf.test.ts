/**
 * The normal (non-resuming) path must stay close to native (DESIGN: lazy capture):
 * target: recursive fib(30) compiled with instruction counting costs at most 2x native.
 * Timings on a shared machine are noisy, so runs alternate native/compiled, the minimum
 * of many runs is compared, and the assertion has headroom; bench/ holds the figure.
 */
import { describe, expect, it } from "vitest";
import { compileChecked, loadModule, stripTypes } from "./helpers.js";

const src = `
export function fib(n: number): number {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}
export function loop(n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s = (s + i * 7) % 1000003;
  return s;
}
`;

function ratio(native: () => unknown, compiled: () => unknown, runs: number): { n: number; c: number } {
  let n = Infinity;
  let c = Infinity;
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    native();
    n = Math.min(n, performance.now() - t0);
    t0 = performance.now();
    compiled();
    c = Math.min(c, performance.now() - t0);
  }
  return { n, c };
}

describe("performance of the normal path", () => {
  it("fib(30) compiled with counting stays within budget of native", async () => {
    const native = await loadModule(stripTypes(src, "/virtual/perf.ts"), "perf.native");
    const compiled = await loadModule(compileChecked(src, { filename: "/virtual/perf.ts", moduleId: "perf.ts" }).code, "perf.compiled");
    const nf = native["fib"] as (n: number) => number;
    const cf = compiled["fib"] as (n: number) => number;
    expect(cf(25)).toBe(nf(25));
    const fib = ratio(() => nf(30), () => cf(30), 25);
    const nl = native["loop"] as (n: number) => number;
    const cl = compiled["loop"] as (n: number) => number;
    const loop = ratio(() => nl(3e6), () => cl(3e6), 15);
    console.log(
      `fib(30): native ${fib.n.toFixed(1)}ms, compiled ${fib.c.toFixed(1)}ms, ratio ${(fib.c / fib.n).toFixed(2)}; ` +
        `counted loop: ratio ${(loop.c / loop.n).toFixed(2)}`,
    );
    expect(fib.c / fib.n).toBeLessThan(3.5);
  });
});

// W2 CPU programs: classic programs of different shapes, native vs compiled
// (instruction counting on), the two measured interleaved in one process per
// program. Each program's bench(size) returns a checksum; the runner turns a
// compiled row whose checksum differs from native into n/a.

import { msRep } from "../lib/rep.js";

export const PROGRAMS = [
  ["richards", "scheduler simulation: classes, polymorphic calls, linked lists"],
  ["nbody", "floating point on object fields, nested loops"],
  ["fannkuch", "integer arrays, index arithmetic, permutations"],
  ["binarytrees", "allocation and GC, recursion"],
  ["jsonstrings", "JSON round trip, template literals, split/Map/replace"],
  ["callbacks", "map/filter/reduce/sort/forEach with arrow callbacks"],
];

export const SIZES = {
  richards: { full: 3000, quick: 150, what: (n) => `${n} x richards(1000)` },
  nbody: { full: 2000000, quick: 100000, what: (n) => `${n} steps` },
  fannkuch: { full: 10, quick: 8, what: (n) => `n=${n}` },
  binarytrees: { full: 16, quick: 12, what: (n) => `depth ${n}` },
  jsonstrings: { full: 30000, quick: 3000, what: (n) => `${n} records` },
  callbacks: { full: 400, quick: 40, what: (n) => `${n} rounds x 2000` },
};

export function jobs({ quick }) {
  const out = [];
  for (const [name] of PROGRAMS) {
    const size = SIZES[name];
    const n = quick ? size.quick : size.full;
    out.push({
      name,
      variants: ["native", "compiled"],
      program: name,
      n,
      rows: { [name]: { workload: `W2 ${name}`, params: size.what(n), unit: "ms", baseline: "native" } },
    });
  }
  return out;
}

export async function runJob(job, ctx) {
  await ctx.interleave(
    async (variant) => {
      const prog = await ctx.loadProgram(job.program, variant);
      return () => msRep(job.program, () => prog.bench(job.n));
    },
    { warmup: 2, minReps: ctx.quick ? 5 : 7, maxReps: ctx.quick ? 5 : 15 },
  );
}

/**
 * Source maps and code records point at the original TypeScript: a call site's code maps
 * to the line of the call, and each pc's (line, column) is the original position.
 */
import { describe, expect, it } from "vitest";
import { TraceMap, originalPositionFor } from "@jridgewell/trace-mapping";
import { compile } from "../../compiler/compile.js";

const src = `type N = number;
// a comment
export function fib(n: N): N {
  if (n < 2) return n;
  const a: N = fib(n - 1);
  return a + fib(n - 2);
}
`;

function generatedPos(code: string, needle: string): { line: number; column: number } {
  const idx = code.indexOf(needle);
  expect(idx, needle).toBeGreaterThanOrEqual(0);
  const before = code.slice(0, idx).split("\n");
  return { line: before.length, column: (before[before.length - 1] as string).length };
}

describe("source positions", () => {
  it("maps call sites to their original lines", () => {
    const { code, map } = compile(src, { filename: "/virtual/sm.ts", moduleId: "sm.ts" });
    expect(map).not.toBeNull();
    const tm = new TraceMap(map as ConstructorParameters<typeof TraceMap>[0]);
    const first = originalPositionFor(tm, generatedPos(code, "fib(n - 1)"));
    expect(first.line).toBe(5);
    const second = originalPositionFor(tm, generatedPos(code, "fib(n - 2)"));
    expect(second.line).toBe(6);
    const ret = originalPositionFor(tm, generatedPos(code, "n < 2"));
    expect(ret.line).toBe(4);
  });

  it("records original line/column per pc", () => {
    const { code } = compile(src, { filename: "/virtual/sm.ts", moduleId: "sm.ts", sourceMaps: false });
    const pcs = /pcs: \[([^\]]*)\]/.exec(code)?.[1]?.split(",").map((s) => Number(s.trim()));
    // pc 0 and pc 1 (entry check) at the function, pc 2 at fib(n - 1), pc 3 at fib(n - 2)
    expect(pcs).toEqual([3, 7, 3, 7, 5, 15, 6, 13]);
  });
});

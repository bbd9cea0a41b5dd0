import { describe, expect, it } from "vitest";
import { compileChecked, loadModule, captureLog } from "./helpers.js";
import { rt, runToCompletion } from "../../runtime/protocol.js";

const fib = `
export function fib(n: number): number {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}
export function main() {
  let s = 0;
  let i = 0;
  while (i < 10) { s += fib(i); i++; }
  console.log(s);
  return s;
}
`;

describe("smoke", () => {
  it("runs fib nested, direct and with a switch at every call", async () => {
    const { code } = compileChecked(fib, { filename: "/virtual/fib.ts", moduleId: "smoke/fib.ts" });
    const m = await loadModule(code, "fib");
    expect((m["fib"] as (n: number) => number)(20)).toBe(6765);
    expect(runToCompletion(m["main"] as () => number)).toBe(88);
    rt.forceUnwind = true;
    rt.budget = -1;
    try {
      const out = await captureLog(() => runToCompletion(m["main"] as () => number));
      expect(out).toEqual(["88"]);
    } finally {
      rt.forceUnwind = false;
      rt.budget = 0x3fffffff;
    }
  });
});

describe("JavaScript files", () => {
  // The TypeScript preset elides imports whose bindings look unused (they might be
  // types); in a .js file they are not types, and eliding one drops the imported
  // module's side effects.
  it("keep imports whose bindings are unused, and parse as JavaScript, not TypeScript", async () => {
    const { compile } = await import("../../compiler/compile.js");
    const src = `import { unused } from "./effects.js";\nexport function f(a, b, c) { return a < b > (c); }\n`;
    const js = compile(src, { filename: "/x/a.js", root: "/x", sourceMaps: false }).code;
    expect(js).toContain('import { unused } from "./effects.js";');
    expect(js).toMatch(/a < b > c/); // a comparison chain in JavaScript (in TypeScript: a call with type arguments)
    const ts = compile(src.replace("(a, b, c)", "(a: any, b: any, c: any)"), { filename: "/x/a.ts", root: "/x", sourceMaps: false }).code;
    expect(ts).not.toContain("effects.js"); // TypeScript's elision is kept for .ts files
  });
});

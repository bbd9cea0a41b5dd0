/**
 * Compatibility of the compiler's output with runtime/pickle: closures of tasklet code
 * (factory + environment record + code record) pickle as data and come back working,
 * sharing their environment.
 */
import { describe, expect, it } from "vitest";
import { compileChecked, loadModule } from "./helpers.js";
import { pickle, unpickle } from "../../runtime/pickle/index.js";
import "../../runtime/index.js";

const src = `
export function counter(start: number) {
  let n = start;
  const inc = (k = 1) => (n += k);
  const get = () => n;
  return { inc, get };
}
export function adders() {
  const fs: Array<(x: number) => number> = [];
  for (let i = 0; i < 3; i++) fs.push((x) => x + i);
  return fs;
}
`;

describe("compiled closures pickle as data", () => {
  it("round-trips closures sharing one environment", async () => {
    const m = await loadModule(compileChecked(src, { filename: "/virtual/pc.ts", moduleId: "test/pickle-compat.ts" }).code, "pickle-compat");
    const c = (m["counter"] as (n: number) => { inc(k?: number): number; get(): number })(10);
    c.inc(5);
    const back = unpickle(pickle(c)) as typeof c;
    expect(back.get()).toBe(15);
    back.inc();
    expect(back.get()).toBe(16);
    expect(c.get()).toBe(15);
    const fs = unpickle(pickle((m["adders"] as () => Array<(x: number) => number>)())) as Array<(x: number) => number>;
    expect(fs.map((f) => f(100))).toEqual([100, 101, 102]);
  });
});

describe("code hashes", () => {
  it("cover the compiler's layout version as well as the text, so a snapshot of another layout is refused", async () => {
    const { codeHash, hashText, LAYOUT_VERSION } = await import("../../compiler/code-id.js");
    const code = compileChecked(src, { filename: "/virtual/pc.ts", moduleId: "test/pickle-compat.ts" }).code;
    const text = src.slice(src.indexOf("function counter"), src.indexOf("\n}\n", src.indexOf("function counter")) + 2);
    expect(code).toContain(`hash: "${codeHash(text)}"`);
    expect(codeHash(text)).toBe(hashText(`${LAYOUT_VERSION}\n${text}`));
    expect(codeHash(text)).not.toBe(hashText(text));
  });
});

/**
 * `with` and direct `eval` (docs/unsupported.md): by default the functions around them
 * stay plain code, so they keep JavaScript's semantics exactly (an eval sees every
 * enclosing function's variables by name); with the compiler option unsupported:
 * "error" they fail the compile with a code frame.
 */
import { describe, expect, it } from "vitest";
import { runInNewContext } from "node:vm";
import { compile } from "../../compiler/compile.js";
import { loadTaskletModule } from "../helpers/compiled.js";

const SOURCE = `
export function outer(a) {
  let x = a;
  function inner(s) { return eval(s); }
  const arrow = () => eval("x * 10");
  return [inner("x + 1"), arrow(), inner("typeof inner")];
}
export function compiledNeighbour(n) { return n + 1; }
export function declares() { eval("var made = 7"); return typeof made === "number" ? made : -1; }
`;

describe("with and direct eval", () => {
  it("keep the functions around them plain, with native results", async () => {
    const m = await loadTaskletModule("dynamic-scope", SOURCE);
    expect(m.outer(4)).toEqual([5, 40, "function"]);
    expect(m.declares()).toBe(-1); // module code is strict: the eval keeps its var, as natively
    expect(m.compiledNeighbour(1)).toBe(2);
    const code = compile(SOURCE, { filename: "/x/dyn.ts", root: "/x" }).code;
    expect(code).toContain('id: "dyn.ts#compiledNeighbour"'); // its neighbours still compile
    expect(code).not.toContain('id: "dyn.ts#outer"');
    expect(code).not.toContain('id: "dyn.ts#outer/inner"');
  });

  it("are a compile error with a code frame under unsupported: \"error\"", () => {
    let message = "";
    try {
      compile(SOURCE, { filename: "/x/dyn.ts", root: "/x", unsupported: "error" });
    } catch (e) {
      message = (e as Error).message.replace(/\u001b\[\d+m/g, ""); // Babel colours the frame where it sees a CI
    }
    expect(message).toMatch(/direct `eval` cannot be tasklet code[\s\S]*> \d+ \|.*eval\(s\)/);
  });

  it("`with` in a sloppy script's function keeps its scope", async () => {
    const src = "function f(o) { var r; with (o) { r = a + b; } return r; } result = f({ a: 1, b: 2 });";
    const { code } = compile(src, { filename: "/x/w.js", root: "/x", sourceType: "script" });
    await import("../../runtime/protocol.js"); // registers itself on globalThis (docs/scripts.md)
    const key = Symbol.for("stackless-ts/protocol");
    const ctx: Record<string | symbol, unknown> = { [key]: (globalThis as Record<symbol, unknown>)[key] };
    expect(() => runInNewContext(code, ctx)).not.toThrow();
    expect(ctx["result"]).toBe(3);
  });
});

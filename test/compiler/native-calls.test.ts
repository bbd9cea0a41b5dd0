/**
 * Calls of pure built-ins (`Math.sqrt(x)`, `Number.isInteger(x)`, `parseInt(s)`; analysis
 * /meta.ts markNativeCall) are not call sites: they are emitted as they are, so a loop
 * holding one still counts locally. Where the name is not the global one (shadowed), or
 * the global was replaced by tasklet code, the program must still do what it does natively.
 */
import { afterEach, describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { Tasklet, pickle, run, schedule, unpickle } from "stackless-ts";
import { rt, BUDGET_IDLE } from "../../runtime/protocol.js";
import { loadTaskletModule } from "../helpers/compiled.js";

const SOURCE = `
export function norms(xs) {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += Math.sqrt(xs[i] * xs[i]) + Math.max(xs[i], 0) + Number.isInteger(xs[i]) + parseInt("1" + i, 10);
  return s;
}
export function shadowed(xs) {
  const Math = { sqrt(x) { schedule(); return x * 2; } };
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += Math.sqrt(xs[i]);
  return s;
}
export const levels = [];
export function num(v) { return { valueOf() { levels.push(getCurrent().nestingLevel); return v; } }; }
export function coerced(o) { levels.push(Math.max(o, 1) + o * 1); }
export const out = [];
export function runShadowed(xs) { out.push(shadowed(xs)); }
export function spin() { let s = 0; for (;;) s += Math.sqrt(4); }
export function viaGlobal(x) { return Math.hypot(x, 0); }
export function spread(xs) { return Math.max(...xs); }
export function stepper(n) {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.abs(-i);
  return s;
}
import { schedule, getCurrent } from "stackless-ts";
`;

const m = await loadTaskletModule("native-calls", SOURCE);
const body = (code: string, name: string) => code.slice(code.indexOf(`function ${name}(`), code.indexOf("\n}\n", code.indexOf(`function ${name}(`)));

afterEach(() => {
  rt.budget = BUDGET_IDLE;
});

describe("calls of pure built-ins", () => {
  const code = compile(SOURCE, { filename: "/x/native.ts", root: "/x" }).code;

  it("are emitted as they are, and the loop holding them counts locally", () => {
    const norms = body(code, "norms");
    expect(norms).toContain("Math.sqrt(");
    expect(norms).toContain("parseInt(");
    expect(norms).not.toContain("$rt.callee = Math");
    expect(norms).toContain("$rt.chunk()");
  });

  it("stay call sites where the name is a local binding, or the arguments are spread", () => {
    expect(body(code, "shadowed")).toMatch(/\$rt\.callee = \$t\d+;\s*\$t\d+ = \$t\d+\.call\(Math/);
    expect(body(code, "spread")).toContain("$rt.callee");
  });

  it("give the native results; a valueOf of tasklet code runs nested, as for `a * b`", () => {
    expect(m.norms([3, -4, 2.5])).toBe(9.5 + 5.5 + 2 + 33);
    expect(m.spread([1, 9, 3])).toBe(9);
    new Tasklet(m.coerced).setup(m.num(7.5));
    run();
    // valueOf from Math.max, then from `*`: both nested one level deep in the tasklet
    expect(m.levels).toEqual([1, 1, 15]);
  });

  it("a local `Math` is tasklet code: a switch in its method is soft, and the tasklet pickles there", () => {
    const t = new Tasklet(m.runShadowed).setup([1, 2, 3]);
    schedule(); // t is inside the first Math.sqrt
    expect(t.restorable).toBe(true);
    const copy = unpickle(pickle(t)) as Tasklet;
    run();
    copy.insert();
    run();
    expect(m.out).toEqual([12, 12]);
  });

  it("a global replaced by tasklet code is entered as a nested call and still returns its value", () => {
    const saved = Math.hypot;
    try {
      (Math as any).hypot = m.stepper; // compiled code standing in for a built-in
      expect(m.viaGlobal(4)).toBe(0 + 1 + 2 + 3);
    } finally {
      Math.hypot = saved;
    }
  });

  // Hard mode (STACKLESS_HARD=1) turns the watchdog off: the runaway would never end.
  it.skipIf(process.env.STACKLESS_HARD === "1")("a loop of them is still counted: a runaway is interrupted, and killed", () => {
    const t = new Tasklet(m.spin).setup();
    expect(run(1000)).toBe(t);
    expect(t.alive && t.restorable).toBe(true);
    t.kill();
    expect(t.alive).toBe(false);
  });
});

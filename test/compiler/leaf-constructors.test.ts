/**
 * Leaf constructors (compiler/select.ts isLeafConstructor): a base-class constructor that
 * cannot switch or loop stays a plain constructor charging its statements on entry,
 * instead of a split constructor with a compiled init method. Its instances must behave
 * and pickle as before, and everything else must still split.
 */
import { afterEach, describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { Tasklet, pickle, run, schedule, unpickle } from "stackless-ts";
import { rt, BUDGET_IDLE } from "../../runtime/protocol.js";
import { loadTaskletModule } from "../helpers/compiled.js";

const SOURCE = `
import { schedule } from "stackless-ts";
export class Vec {
  constructor(x, y) { this.x = x; this.y = y; this.len = Math.hypot(x, y); }
  plus(o) { return new Vec(this.x + o.x, this.y + o.y); }
}
export class Boxed { constructor(o) { this.v = o.value; } }
export class Branches { constructor(v) { if (v) this.v = v; } }
export class Calls { constructor(v) { this.v = String(v); } }
export class Loops { constructor(n) { this.n = n; while (this.n > 10) this.n -= 10; } }
export class Fields { w = 1; constructor(v) { this.v = v; } }
export class Derived extends Vec { constructor(x) { super(x, 0); this.d = true; } }
export class Replaces { constructor(v) { return { replaced: v }; } }
export class Target { constructor() { this.isTarget = new.target === Target; } }
export const log = [];
export function walk(n) {
  let p = new Vec(0, 0);
  for (let i = 0; i < n; i++) { p = p.plus(new Vec(1, 1)); if (i % 2) schedule(); }
  log.push(p);
}
`;

const m = await loadTaskletModule("leaf-constructors", SOURCE);
const code = compile(SOURCE, { filename: "/x/leaf.ts", root: "/x" }).code;
const classText = (name: string) => code.slice(code.indexOf(`class ${name} `), code.indexOf("\n}\n", code.indexOf(`class ${name} `)));

afterEach(() => {
  rt.budget = BUDGET_IDLE;
});

describe("leaf constructors", () => {
  it("stay plain and charge their statements; the others split", () => {
    expect(classText("Vec")).toMatch(/constructor\(x, y\) \{\s*\$rt\.budget = \$rt\.budget - 3 \| 0;\s*this\.x = x;/);
    expect(classText("Boxed")).not.toContain("Symbol(");
    for (const split of ["Calls", "Loops", "Fields", "Derived", "Branches"]) expect(classText(split), split).toContain(`Symbol("${split}.init")`);
  });

  it("charge their count once per `new`", () => {
    rt.budget = 1000;
    new m.Vec(3, 4);
    expect(1000 - rt.budget).toBe(3);
  });

  it("construct as natively: fields, a throw, an object returned, new.target, a subclass", () => {
    const v = new m.Vec(3, 4);
    expect([v instanceof m.Vec, v.x, v.y, v.len]).toEqual([true, 3, 4, 5]);
    expect(() => new m.Boxed(null)).toThrow(TypeError);
    expect(new m.Boxed({ value: 2 }).v).toBe(2);
    expect(new m.Replaces(7)).toEqual({ replaced: 7 });
    expect(new m.Target().isTarget).toBe(true);
    const d = new m.Derived(2);
    expect([d instanceof m.Vec, d.len, d.d]).toEqual([true, 2, true]);
  });

  it("instances pickle, and a tasklet allocating them pickles between its switches", () => {
    const back = unpickle(pickle(new m.Vec(6, 8))) as InstanceType<typeof m.Vec>;
    expect([back instanceof m.Vec, back.len]).toEqual([true, 10]);
    const t = new Tasklet(m.walk).setup(7);
    schedule();
    schedule();
    const copy = unpickle(pickle(t)) as Tasklet;
    run();
    copy.insert();
    run();
    expect(m.log.map((p: { x: number; y: number }) => [p.x, p.y, p instanceof m.Vec])).toEqual([[7, 7, true], [7, 7, true]]);
  });
});

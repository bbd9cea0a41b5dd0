/**
 * Hot copies of function bodies (protocol rule 13, compiler/emit/hot-copy.ts hotBody): a
 * body with a resume dispatch gets a copy without routing for calls that do not resume.
 * A frame saved in the copy must resume in the routed original exactly where it stood,
 * with the locals a debugger expects, and the copy must exist only where rule 13 says.
 */
import { afterEach, describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { Tasklet, pickle, run, unpickle } from "stackless-ts";
import { loadTaskletModule } from "../helpers/compiled.js";

const SOURCE = `
import { schedule } from "stackless-ts";
export class Counter {
  constructor() { this.n = 0; this.log = []; }
  bump(by) { this.n += by; return this.n; }
  step(k) {
    const before = this.n;
    const a = this.bump(k);
    schedule();
    const b = this.bump(a);
    this.log.push([before, a, b]);
    return b;
  }
}
export const finished = [];
export function drive(c, rounds) {
  let total = 0;
  for (let i = 0; i < rounds; i++) total += c.step(i + 1);
  c.log.push(total);
  finished.push(c.log);
}
export function* gen(c) { yield c.bump(1); yield c.bump(2); }
export function nest(xs) {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return String(s);
}
`;

const compiled = (hotCopies: boolean) => compile(SOURCE, { filename: "/x/hot.ts", root: "/x", hotCopies }).code;
const fnText = (code: string, head: string) => code.slice(code.indexOf(head), code.indexOf("\n  }\n", code.indexOf(head)));
const saves = (text: string) => [...text.matchAll(/\$rt\.save\([^,]+, (\d+), this, \[([^\]]*)\]\)/g)].map((x) => `${x[1]}: ${x[2]}`);

afterEach(() => {
  run();
});

describe("hot copies of function bodies", () => {
  it("copy a body with call sites, without routing, saving the same pcs and slots as the original", () => {
    const step = fnText(compiled(true), "  step(k) {");
    const at = step.indexOf("if (!$pc) {");
    const split = step.indexOf("} else switch ($pc) {");
    expect(at).toBeGreaterThan(0);
    expect(split).toBeGreaterThan(at);
    const copy = step.slice(at + "if (!$pc) {".length, split);
    const original = step.slice(split);
    expect(copy).not.toMatch(/\$pc|case \d+:/);
    expect(saves(copy).length).toBeGreaterThan(2);
    expect(saves(copy)).toEqual(saves(original));
    // Off, the body is the routed original alone, saving the same.
    const cold = fnText(compiled(false), "  step(k) {");
    expect(cold).not.toContain("if (!$pc)");
    expect(saves(cold)).toEqual(saves(original));
  });

  it("make no copy of a generator's body or of a body holding a loop nest's own copy", () => {
    const code = compiled(true);
    const gen = code.slice(code.indexOf("function $gb_gen("), code.indexOf("\n});\n", code.indexOf("function $gb_gen(")));
    expect(gen.length).toBeGreaterThan(0);
    expect(gen).toContain("switch ($pc)");
    expect(gen).not.toContain("} else switch ($pc)");
    const nest = code.slice(code.indexOf("function nest("), code.indexOf("\n}\n", code.indexOf("function nest(")));
    expect(nest.match(/if \(!\$pc\)/g)?.length).toBe(1); // the nest's, not the body's
  });

  it("a frame saved in the copy shows its locals and resumes in the original, also from a snapshot", async () => {
    const m = await loadTaskletModule("hot-copies", SOURCE);
    const expected = new m.Counter();
    for (const k of [1, 2, 3]) {
      const before = expected.n;
      const a = (expected.n += k);
      const b = (expected.n += a);
      expected.log.push([before, a, b]);
    }
    expected.log.push(expected.log.reduce((s: number, r: number[]) => s + (r[2] as number), 0));

    const c = new m.Counter();
    const t = new Tasklet(m.drive).setup(c, 3);
    t.run(); // runs to the first schedule() in step, inside the copy
    const locals = t.frame?.locals as Record<string, unknown>;
    expect(t.frame?.functionName).toBe("Counter.step");
    expect(locals).toMatchObject({ k: 1, before: 0, a: 1 }); // `before` is dead there, and shown
    const bytes = pickle(t);
    t.kill();
    const copy = unpickle(bytes) as Tasklet;
    copy.insert();
    run();
    expect(copy.alive).toBe(false);
    // The snapshot's own Counter finished the rounds: \`finished\` is the module's array
    // (module-level bindings pickle by reference).
    expect(m.finished).toEqual([expected.log]);
  });
});

// hot-copy.ts keepInlinable: a small function whose loop nest's copy alone would take it
// past V8's inlining limit keeps the routed nest only; a big one keeps its copy.
// addTo is richards' Packet.addTo; addToBig the same with 30 more statements.
const addTo = (name: string, extra: string[]) => `
  ${name}(queue) {
    this.link = null;
    if (queue === null) return this;
    let next = queue;
    let peek;
    while ((peek = next.link) !== null) next = peek;
    next.link = this;
    ${extra.join("\n    ")}
    return queue;
  }`;
const WALK = `
export class Node {
  constructor(v) { this.v = v; this.link = null; }
  ${addTo("addTo", [])}
  ${addTo("addToBig", Array.from({ length: 30 }, (_, i) => `this.v${i} = this.v + ${i};`))}
}
export function build(n) {
  let q = null;
  for (let i = 0; i < n; i++) q = new Node(i).addTo(q);
  return q;
}
export function sum(q) {
  let s = 0;
  for (let p = q; p !== null; p = p.link) s += p.v;
  return s;
}
export const out = [];
export function job(n) { out.push(sum(build(n))); }
`;

describe("nest copies of small functions", () => {
  it("are dropped where they alone would make the function too big to inline; big functions keep theirs", () => {
    const code = compile(WALK, { filename: "/x/walk.ts", root: "/x" }).code;
    const small = fnText(code, "  addTo(queue) {");
    const big = fnText(code, "  addToBig(queue) {");
    expect(small).not.toContain("if (!$pc)");
    expect(small).toMatch(/for \(; \$pc \|\| \(peek = next\.link\) !== null;\)/);
    expect(big).toContain("if (!$pc) $L0: for (; (peek = next.link) !== null;)");
  });

  it.skipIf(process.env.STACKLESS_HARD === "1")("the routed nest alone is interrupted, pickled mid-walk and resumed to the same result", async () => {
    const m = await loadTaskletModule("hot-copies-walk", WALK);
    const n = 3000; // build walks 0 + 1 + … + n-1 links: about 4.5 million iterations
    const t = new Tasklet(m.job).setup(n);
    const victim = run(100_000);
    expect(victim).toBe(t);
    expect(t.frame?.functionName).toBe("Node.addTo");
    const copy = unpickle(pickle(t)) as Tasklet;
    t.kill();
    copy.insert();
    run();
    expect(copy.alive).toBe(false);
    expect(m.out).toEqual([(n * (n - 1)) / 2]);
  });
});

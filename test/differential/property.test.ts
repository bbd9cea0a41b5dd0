// Property-based differential testing (issue 3, STYLE habit 13): fast-check generates
// random programs with calls in random places (inside conditions, loops, try/catch/
// finally, switch, closures, recursion, generators, classes, destructuring defaults,
// compound and logical assignments, optional chains, tagged templates, spread); each runs natively and compiled with a switch
// forced at every call and loop iteration (every frame saved and resumed), and must
// print the same. A failure prints the shrunk program.
import { it, expect } from "vitest";
import fc from "fast-check";
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";
import { compile } from "../../compiler/compile.js";
import { rt, runToCompletion } from "../../runtime/protocol.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const outDir = join(root, "test/.out/property");
const VARS = ["a", "b", "c"] as const;

const { expr } = fc.letrec<{ expr: string; leaf: string }>((tie) => ({
  leaf: fc.oneof(fc.integer({ min: -3, max: 9 }).map(String), fc.constantFrom(...VARS)),
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    tie("leaf"),
    tie("expr").map((e) => `f(${e})`),
    fc.tuple(tie("expr"), tie("expr")).map(([x, y]) => `g(${x}, ${y})`),
    tie("leaf").map((e) => `r(${e} % 5)`),
    fc.tuple(fc.integer({ min: 0, max: 3 }), tie("expr")).map(([k, e]) => `mk(${k})(${e})`),
    fc.tuple(tie("expr"), tie("expr"), tie("expr")).map(([x, y, z]) => `(${x} ? ${y} : ${z})`),
    fc.tuple(tie("expr"), fc.constantFrom("&&", "||", "??", "+", "-", "*", "<", "==="), tie("expr")).map(([x, op, y]) => `(${x} ${op} ${y})`),
    fc.tuple(tie("expr"), tie("expr")).map(([x, y]) => `[${x}, ${y}].map((v) => f(v) + ${y})[0]`),
  ),
}));

const stmt: fc.Arbitrary<string> = fc.letrec<{ stmt: string; block: string }>((tie) => ({
  block: fc.array(tie("stmt"), { maxLength: 3 }).map((ss) => `{ ${ss.join(" ")} }`),
  stmt: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.tuple(fc.constantFrom(...VARS), expr).map(([v, e]) => `${v} = ${e};`),
    fc.tuple(fc.constantFrom(...VARS), expr).map(([v, e]) => `${v} += ${e};`),
    expr.map((e) => `log.push(String(${e}));`),
    fc.tuple(expr, tie("block"), tie("block")).map(([e, s1, s2]) => `if (${e}) ${s1} else ${s2}`),
    fc.tuple(fc.integer({ min: 0, max: 3 }), tie("block")).map(([n, s]) => `for (let i = 0; i < ${n}; i++) ${s}`),
    fc.tuple(fc.integer({ min: 0, max: 3 }), tie("block")).map(([n, s]) => `{ let w = 0; while (f(w++) <= ${n}) ${s} }`),
    fc.tuple(tie("block"), expr, tie("block"), tie("block")).map(
      ([s1, e, s2, s3]) => `try { ${s1} if (${e}) throw new Error("e" + ${e}); } catch (err) { log.push(err.message); ${s2} } finally { log.push("fin"); ${s3} }`,
    ),
    fc.tuple(expr, tie("block"), tie("block"), tie("block")).map(
      ([e, s1, s2, s3]) => `switch (Math.abs(${e}) % 3) { case 0: ${s1} case 1: ${s2} break; default: ${s3} }`,
    ),
    fc.tuple(fc.integer({ min: 0, max: 999 }), expr, tie("block")).map(([l, e, s]) => `L${l}: for (let j = 0; j < 2; j++) { for (let k = 0; k < 2; k++) { if (${e}) continue L${l}; ${s} if (k) break L${l}; } }`),
    fc.tuple(tie("block")).map(([s]) => `{ const h = () => { ${s} return a; }; log.push("h" + h()); }`),
    // Generators: a body with calls around its yields, walked by for-of, or stepped and
    // closed early (return() runs the finally, which may call).
    fc.tuple(tie("block"), expr, tie("block")).map(([s1, e, s2]) => `{ function* gen(n: number) { ${s1} yield ${e}; for (let q = 0; q < n; q++) { ${s2} yield q + a; } } for (const y of gen(2)) log.push("y" + y); }`),
    fc.tuple(expr, tie("block"), tie("block")).map(([e, s1, s2]) => `{ const it = (function* () { try { const x = yield f(${e}); ${s1} yield x; } finally { log.push("gfin"); ${s2} } })(); log.push(JSON.stringify(it.next())); log.push(JSON.stringify(it.next(b))); log.push(JSON.stringify(it.return(c))); }`),
    // A class evaluated here: calls in a field initializer, a static field, a method's
    // default parameter, a computed key and a getter.
    fc.tuple(expr, expr, expr, tie("block")).map(([e1, e2, e3, s]) => `{ class K { v = ${e1}; static s = f(${e2}); [String(f(1))]() { return "ck"; } m(x = g(this.v, ${e3})) { ${s} return this.v + x; } get w() { return f(this.v); } } const k: any = new K(); log.push("k" + k.m() + "," + k.m(1) + "," + k.w + "," + (K as any).s + k["2"]()); }`),
    // Destructuring defaults with calls, in declarations, assignments and parameters.
    fc.tuple(expr, expr, expr, fc.boolean()).map(([e1, e2, e3, hole]) => `{ const [p = ${e1}, q = f(p)] = [${hole ? "undefined" : e2}]; const { r: { s = ${e3} } = {} }: any = {}; let u: any, w: any; [u = f(q), { w = g(p, s) } = {}] = []; const pd = ([x = f(a)]: any[] = [], { y = ${e2} }: any = {}) => x + y; log.push("d" + p + q + s + u + w + pd() + pd([b])); }`),
    // Compound and logical assignments whose right side calls, to members, computed
    // keys, and a variable a closure captures and the right side writes.
    fc.tuple(expr, expr, expr, expr).map(([e1, e2, e3, e4]) => `{ const o: any = { x: ${e1}, n: null }; o[String(f(${e2}) % 2)] ??= ${e3}; o.x += ${e4}; o.n ||= f(o.x); o.x &&= g(o.x, ${e2}); let cap = ${e3}; const bump = () => { cap = 10; return f(cap); }; cap += bump(); log.push("o" + JSON.stringify(o) + cap); }`),
    // Optional-chain calls, tagged templates, spread over a compiled generator.
    fc.tuple(expr, expr, expr).map(([e1, e2, e3]) => `{ const o: any = Number(${e1}) % 2 ? { m(v: any) { return f(v); } } : null; const tg = (s: any, ...v: any[]) => s.raw.join("|") + v.join(","); function* sp() { yield ${e2}; yield f(${e3}); } log.push("c" + o?.m(${e2}) + o?.["m"](f(${e3})) + tg\`a\${${e3}}b\${f(${e1})}\` + g(...sp()) + [...sp(), ${e1}].join(":")); }`),
    // A finally that calls and overrides the try's return, or not.
    fc.tuple(expr, expr, tie("block")).map(([e1, e2, s]) => `{ const tf = (): any => { try { if (${e1}) throw new Error("x"); return f(${e2}); } catch (err) { return "caught"; } finally { ${s} if (g(a, b) > 2) return "fin"; } }; log.push("t" + tf()); }`),
  ),
})).stmt;

function program(body: string[]): string {
  return `
let a = 1, b = 2, c = 3;
const log: string[] = [];
function f(x: any): number { log.push("f" + x); return (Number(x) | 0) + 1; }
function g(x: any, y: any): number { return (Number(x) * 2 - Number(y)) | 0; }
function r(n: number): number { return n <= 0 ? 0 : r(n - 1) + n; }
function mk(k: number) { return (x: any) => (Number(x) | 0) + k; }
export function main(): string {
  a = 1; b = 2; c = 3; log.length = 0;
  ${body.join("\n  ")}
  return log.join(",") + " | " + [a, b, c].join(",");
}
`;
}

let n = 0;
async function load(code: string, tag: string): Promise<{ main: () => string }> {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${tag}.${process.pid}.${n++}.mjs`);
  writeFileSync(file, code);
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { main: () => string };
}

function run(fn: () => string): string {
  try {
    return fn();
  } catch (e) {
    return `threw ${(e as Error).name}: ${(e as Error).message}`;
  }
}

it("random programs print the same natively and compiled with a switch at every call", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(stmt, { minLength: 1, maxLength: 6 }), async (body) => {
      const src = program(body);
      const filename = join(outDir, "prog.ts");
      // Native: the TypeScript stripped by Babel alone (no plugin) is the reference. A
      // generated program that is not valid (a label reused inside itself) is skipped.
      const { transformSync } = await import("@babel/core");
      let stripped: string;
      try {
        stripped = transformSync(src, { filename, babelrc: false, configFile: false, presets: [["@babel/preset-typescript", { allExtensions: true }]] })!.code!;
      } catch {
        fc.pre(false);
        return;
      }
      const native = await load(stripped, "native");
      const compiled = await load(compile(src, { filename, root }).code, "compiled");
      const expected = run(native.main);
      rt.forceUnwind = true;
      rt.budget = -1;
      let got: string;
      try {
        got = run(() => runToCompletion(compiled.main) as string);
      } finally {
        rt.forceUnwind = false;
        rt.budget = 0x3fffffff;
      }
      expect(got, src).toBe(expected);
    }),
    { numRuns: Number(process.env.STACKLESS_PROPERTY_RUNS ?? 40), seed: Number(process.env.STACKLESS_PROPERTY_SEED ?? 20261126) },
  );
}, 300_000);

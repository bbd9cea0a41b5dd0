/**
 * Unit tests of the analysis and options: which bindings are captured, where their
 * environment records live, and how plugin options are validated.
 */
import { describe, expect, it } from "vitest";
import { transformSync } from "@babel/core";
import type { NodePath } from "@babel/traverse";
import * as t from "@babel/types";
import { analyze, type Analysis } from "../../compiler/analysis/scope.js";
import { CompileErrors } from "../../compiler/errors.js";
import { readOptions } from "../../compiler/options.js";

function analysisOf(src: string, sourceType: "module" | "script" = "module"): Analysis {
  let result: Analysis | null = null;
  transformSync(src, {
    babelrc: false,
    configFile: false,
    sourceType,
    filename: "/virtual/a.js",
    plugins: [
      () => ({
        visitor: {
          Program(path: NodePath<t.Program>, state: { file: unknown }) {
            result = analyze(path, new CompileErrors(state.file as ConstructorParameters<typeof CompileErrors>[0]));
          },
        },
      }),
    ],
  });
  if (!result) throw new Error("no analysis");
  return result;
}

function binding(a: Analysis, name: string) {
  const all = [...a.bindingOf.values()].filter((b) => b.name === name);
  const b = all[0];
  if (!b) throw new Error(`no binding ${name}`);
  return b;
}

describe("scope analysis", () => {
  it("puts only captured bindings in env records", () => {
    const a = analysisOf(`function f(p, q) { let x = 1, y = 2; return () => x + p; }`);
    expect(binding(a, "x").captured).toBe(true);
    expect(binding(a, "p").captured).toBe(true);
    expect(binding(a, "y").captured).toBe(false);
    expect(binding(a, "q").captured).toBe(false);
    expect(binding(a, "x").env?.kind).toBe("function");
    expect([...(binding(a, "x").env?.members.values() ?? [])]).toEqual(["p", "x"]);
  });

  it("gives block bindings in loops one env per iteration", () => {
    const a = analysisOf(`function f(xs) { const fs = []; for (let i = 0; i < 3; i++) { const j = i; fs.push(() => i + j); } return fs; }`);
    const i = binding(a, "i");
    const j = binding(a, "j");
    expect(i.env?.kind).toBe("block");
    expect(j.env?.kind).toBe("block");
    expect(j.env).not.toBe(i.env);
    expect(j.env?.parent).toBe(i.env);
  });

  it("keeps block bindings outside loops in the function env", () => {
    const a = analysisOf(`function f() { { let z = 1; return () => z; } }`);
    expect(binding(a, "z").env?.kind).toBe("function");
  });

  it("routes this/arguments used by arrows through the enclosing function's env", () => {
    const a = analysisOf(`function f() { return () => this.x + arguments.length; }`);
    const f = [...a.fns.values()].find((x) => x.node.type === "FunctionDeclaration");
    expect(f?.capThis).toBe(true);
    expect(f?.capArgs).toBe(true);
    expect([...(f?.fnEnv?.members.values() ?? [])]).toEqual(["$this", "$args"]);
  });

  it("chains creation envs across nesting levels", () => {
    const a = analysisOf(`function f(a) { function g(b) { return () => a + b; } return g; }`);
    const fns = [...a.fns.values()];
    const g = fns.find((x) => x.node.type === "FunctionDeclaration" && (x.node as t.FunctionDeclaration).id?.name === "g");
    const arrow = fns.find((x) => x.node.type === "ArrowFunctionExpression");
    expect(arrow?.creationEnv).toBe(g?.fnEnv);
    expect(g?.fnEnv?.parent).toBe(g?.creationEnv);
    expect(g?.creationEnv).toBe(binding(a, "a").env);
  });

  it("compiles generators (methods, default or pattern parameters; async ones too) and async functions (for-await too); leaves generators whose parameters hold a closure or read the body's declarations, and their contents plain", () => {
    const a = analysisOf(`function* g() { const h = () => 1; } async function k() { const i = () => 2; } function n() {}
      async function* ag() {} async function fa(xs) { for await (const x of xs) ; const j = () => 3; }
      function* r(a, ...b) {} function* d(a = 1) { const l = () => 4; } function* p({ a }) {} const o = { *m() {} };
      class C { *m(x = this) {} static *s() {} *#p() {} } function* q(a = () => 1) { const l = () => 5; } function* v(a = w) { var w; }
      const ao = { async *am() {} }; async function* ad(a = 1, { b } = {}) {}`);
    const modes = [...a.fns.values()].map((f) => f.mode);
    expect(modes).toEqual(["compiled", "compiled", "compiled", "compiled", "compiled", "compiled", "compiled", "compiled", "compiled", "compiled", "compiled", "compiled", "compiled", "compiled", "compiled", "compiled", "plain", "plain", "plain", "compiled", "compiled", "compiled"]);
  });
});

describe("generators that stay plain", () => {
  it("keeps a generator plain rather than failing on `with` or direct eval, and in sloppy code when it reads `arguments`", () => {
    const a = analysisOf(`function* w(o) { with (o) yield 1; } function* s(x) { yield (() => arguments[0])(); }
      function* t(x) { "use strict"; yield arguments[0]; } function* e() { eval("1"); yield; } function* ok(x) { yield x; }`, "script");
    const modes = [...a.fns.values()].filter((f) => t.isFunctionDeclaration(f.node)).map((f) => `${(f.node as t.FunctionDeclaration).id!.name}:${f.mode}`);
    expect(modes).toEqual(["w:plain", "s:plain", "t:compiled", "e:plain", "ok:compiled"]);
  });
});

describe("options", () => {
  it("defaults and validates", () => {
    expect(readOptions(undefined)).toEqual({ count: true, countLocally: true, hotCopies: true, unsupported: "plain", moduleId: undefined, root: undefined });
    expect(readOptions({ count: false, countLocally: false, hotCopies: false, unsupported: "error", moduleId: "m.ts", root: "/x" })).toEqual({ count: false, countLocally: false, hotCopies: false, unsupported: "error", moduleId: "m.ts", root: "/x" });
    expect(() => readOptions({ countLocally: 1 })).toThrow(".countLocally must be a boolean");
    expect(() => readOptions({ hotCopies: "no" })).toThrow(".hotCopies must be a boolean");
    expect(() => readOptions({ count: "yes" })).toThrow(".count must be a boolean");
    expect(() => readOptions({ moduleId: "" })).toThrow(".moduleId must be a non-empty string");
    expect(() => readOptions({ budget: 3 })).toThrow("unknown plugin option .budget");
  });
});

// The child process of scripts/test262.mjs: runs ONE variant of one test262 test (one
// fresh realm: this process's own) and prints one result line `\u0001RESULT {json}`.
//
// Job (JSON on stdin): { file, code, compiled, module, async, negative, harness }
// - `harness`: [{ filename, code }] scripts run first, in order, in the global scope
//   (compiled already when `compiled`: Babel lives in the parent, a child only loads the
//   runtime).
// - script tests: `code` is the test (with "use strict"; in front for the strict
//   variant; compiled when `compiled`). `code` null + `compileError` = compile() threw.
// - module tests: `file` is loaded as a vm.SourceTextModule (needs
//   --experimental-vm-modules), its imports too, each through compile() when `compiled`.
// The result: { ok, error?, phase? }, judged here against `negative` and `async` as
// test262's INTERPRETING.md says.
import { createRequire } from "node:module";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vm from "node:vm";

const require = createRequire(import.meta.url);
const job = JSON.parse(fs.readFileSync(0, "utf8"));
// The runtime registers the protocol that compiled scripts find on the global object.
if (job.compiled) await import("stackless-ts");
const printed = [];
let reported = false;

function report(result) {
  if (reported) return;
  reported = true;
  process.stdout.write(`\u0001RESULT ${JSON.stringify(result)}\n`, () => process.exit(0));
}

function describe(e) {
  if (e === null || (typeof e !== "object" && typeof e !== "function")) return { name: typeof e, message: String(e) };
  let name = "Error";
  try {
    name = (e.constructor && e.constructor.name) || e.name || "Error";
  } catch {}
  let message = "";
  try {
    message = String(e.message ?? e);
  } catch {}
  return { name, message: message.split("\n")[0] };
}

/** Judges an error thrown (or none: `err` undefined) at `phase`. */
function judge(err, phase) {
  const neg = job.negative;
  if (neg) {
    if (err === undefined) return report({ ok: false, error: `expected ${neg.type} at ${neg.phase}, none thrown` });
    const d = describe(err);
    const phaseOk = neg.phase === "runtime" ? phase === "runtime" : neg.phase === "resolution" ? phase === "resolution" : phase === "parse";
    if (d.name === neg.type && phaseOk) return report({ ok: true });
    return report({ ok: false, error: `expected ${neg.type} at ${neg.phase}, got ${d.name} at ${phase}: ${d.message}` });
  }
  if (err !== undefined) {
    const d = describe(err);
    return report({ ok: false, error: `${d.name}: ${d.message}`, phase });
  }
  if (!job.async) return report({ ok: true });
  // async: wait for print('Test262:AsyncTestComplete') (see print below) or the end.
}

let compiler = null;
function compileScript(src, filename) {
  compiler ??= require("stackless-ts/compiler");
  return compiler.compile(src, { filename, sourceType: "script", sourceMaps: false }).code;
}
function compileModule(src, filename) {
  compiler ??= require("stackless-ts/compiler");
  return compiler.compile(src, { filename, sourceType: "module", sourceMaps: false }).code;
}

let scripts = 0;
globalThis.print = (...args) => {
  const s = args.map(String).join(" ");
  printed.push(s);
  if (job.async && !job.negative) {
    if (s === "Test262:AsyncTestComplete") report({ ok: true });
    else if (s.startsWith("Test262:AsyncTestFailure:")) report({ ok: false, error: s.split("\n")[0] });
  }
};
globalThis.$262 = {
  global: globalThis,
  gc: () => (globalThis.gc ? globalThis.gc() : undefined),
  evalScript(src) {
    // Scripts evaluated by the test go through the same pipeline as the test itself.
    const filename = `${job.file}#evalScript-${++scripts}.js`;
    let code = src;
    if (job.compiled) {
      try {
        code = compileScript(src, filename);
      } catch (e) {
        if (e instanceof SyntaxError && !/stackless-ts:/.test(String(e.message))) throw new SyntaxError(e.message);
        throw new Error(`compile error: ${String(e.message).split("\n")[0]}`);
      }
    }
    return new vm.Script(code, { filename }).runInThisContext();
  },
  detachArrayBuffer(ab) {
    structuredClone(ab, { transfer: [ab] });
    return null;
  },
  createRealm() {
    throw new Error("$262.createRealm is not supported by this host");
  },
  agent: {},
};

process.on("uncaughtException", (e) => judge(e, "runtime"));
process.on("unhandledRejection", (e) => {
  if (!job.async) judge(e, "runtime");
});
process.on("beforeExit", () => {
  if (job.async) report({ ok: false, error: `async test ended without printing Test262:AsyncTestComplete${printed.length ? ` (printed: ${printed[0]})` : ""}` });
});

/** Runs the harness scripts; false (after reporting) if one threw. */
function runHarness() {
  for (const h of job.harness ?? []) {
    try {
      new vm.Script(h.code, { filename: h.filename }).runInThisContext();
    } catch (e) {
      const d = describe(e);
      report({ ok: false, error: `harness ${path.basename(h.filename)} threw ${d.name}: ${d.message}`, phase: "harness" });
      return false;
    }
  }
  return true;
}

async function runModule() {
  const cache = new Map();
  const load = (file) => {
    let m = cache.get(file);
    if (m) return m;
    let src = fs.readFileSync(file, "utf8");
    if (job.compiled) {
      try {
        src = compileModule(src, file);
      } catch (e) {
        if (!(e instanceof SyntaxError) || /stackless-ts:/.test(String(e.message))) e.stacklessCompileError = true;
        throw e;
      }
    }
    m = new vm.SourceTextModule(src, { identifier: file, importModuleDynamically: (spec) => linkOne(spec, file) });
    cache.set(file, m);
    return m;
  };
  const linkOne = async (spec, from) => {
    if (spec === "stackless-ts/protocol" || spec === "stackless-ts") {
      const ns = await import(spec);
      const key = `\u0000${spec}`;
      let m = cache.get(key);
      if (!m) {
        const names = Object.keys(ns);
        m = new vm.SyntheticModule(names, function () {
          for (const n of names) this.setExport(n, ns[n]);
        }, { identifier: spec });
        cache.set(key, m);
      }
      return m;
    }
    return load(path.resolve(path.dirname(from), spec));
  };
  let mod;
  const failLoad = (e, phase) => {
    if (e && e.stacklessCompileError) return report({ ok: false, error: `compile error: ${String(e.message).split("\n")[0]}`, phase: "compile" });
    return judge(e, e instanceof SyntaxError ? "parse" : phase);
  };
  try {
    mod = load(job.file);
  } catch (e) {
    return failLoad(e, "runtime");
  }
  try {
    await mod.link((spec, ref) => linkOne(spec, ref.identifier));
  } catch (e) {
    return failLoad(e, "resolution");
  }
  try {
    await mod.evaluate();
  } catch (e) {
    return judge(e, "runtime");
  }
  judge(undefined, "runtime");
}

function runScript() {
  if (job.code == null) {
    if (job.compileError.name === "HarnessCompileError") return report({ ok: false, error: `compile error: ${job.compileError.message}`, phase: "compile" });
    // compile() threw: a SyntaxError is a parse error, anything else (an unsupported
    // construct) fails the test.
    const e = job.compileError;
    if (e.name === "SyntaxError") return judge(Object.assign(new SyntaxError(e.message)), "parse");
    return report({ ok: false, error: `compile error: ${e.message}`, phase: "compile" });
  }
  let script;
  try {
    script = new vm.Script(job.code, { filename: job.file });
  } catch (e) {
    return judge(e, "parse");
  }
  try {
    script.runInThisContext();
  } catch (e) {
    return judge(e, "runtime");
  }
  judge(undefined, "runtime");
}

if (runHarness()) {
  if (job.module) await runModule();
  else runScript();
}

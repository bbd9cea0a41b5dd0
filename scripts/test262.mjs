#!/usr/bin/env node
// Runs test262 tests twice, natively and through compile(), and reports how many of the
// tests that pass natively also pass compiled (issue #3's check). docs/test262.md.
//
//   node scripts/test262.mjs --test262 DIR [subset…] [--jobs 2] [--timeout 10000] [--out FILE]
//                            [--compiled-only] [--quiet]
//   npm run test262 -- --test262 DIR test/language/statements/for-of
//
// A subset is a path or glob (`*`, `**`) under the checkout (`test/language/expressions/call`,
// `test/language/**/dstr/*.js`), or an existing path; default `test/language`.
// `--harness DIR` overrides DIR/harness (our own corpus: test/conformance/harness).
//
// How a test runs (test262's INTERPRETING.md): the frontmatter's flags pick the variants
// (strict and sloppy; onlyStrict; noStrict; raw: sloppy, no harness; module: a module);
// assert.js, sta.js (and doneprintHandle.js for async tests) and the `includes` run
// first, each as a script of its own in the same global scope (compiled once per run);
// the strict variant gets "use strict"; in front of the test; each variant runs in a fresh
// child process (scripts/test262-host.mjs) with a timeout, natively and compiled
// (compile() with sourceType "script", or "module" for module tests), 2 at a time.
// A test passes when all its variants pass.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "stackless-ts/compiler";

const here = path.dirname(fileURLToPath(import.meta.url));
const host = path.join(here, "test262-host.mjs");

function parseArgs(argv) {
  const o = { dir: process.env.TEST262_DIR, harness: undefined, subsets: [], jobs: 2, timeout: 10_000, out: "test262-failures.json", quiet: false, compiledOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--test262") o.dir = val();
    else if (a === "--harness") o.harness = val();
    else if (a === "--jobs") o.jobs = Number(val());
    else if (a === "--timeout") o.timeout = Number(val());
    else if (a === "--out") o.out = val();
    else if (a === "--quiet") o.quiet = true;
    else if (a === "--compiled-only") o.compiledOnly = true;
    else if (a.startsWith("--")) throw new Error(`unknown option ${a}`);
    else o.subsets.push(a);
  }
  if (!o.dir && !o.harness) throw new Error("give the test262 checkout: --test262 DIR or TEST262_DIR (or --harness DIR and test paths)");
  o.harness ??= path.join(o.dir, "harness");
  if (!o.subsets.length) o.subsets.push("test/language");
  return o;
}

// ---- selecting files ------------------------------------------------------------

function walk(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== "harness") walk(p, out);
    }
    else if (e.name.endsWith(".js") && !e.name.includes("_FIXTURE")) out.push(p);
  }
  return out;
}

function globRegex(glob) {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      re += ".*";
      i++;
      if (glob[i + 1] === "/") i++;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

function select(o) {
  const files = new Set();
  for (const s of o.subsets) {
    const abs = fs.existsSync(s) ? path.resolve(s) : o.dir ? path.resolve(o.dir, s) : path.resolve(s);
    if (!/[*?]/.test(s)) {
      if (!fs.existsSync(abs)) throw new Error(`no such test path: ${s}`);
      if (fs.statSync(abs).isDirectory()) walk(abs, []).forEach((f) => files.add(f));
      else files.add(abs);
      continue;
    }
    const base = abs.slice(0, abs.search(/[*?]/)).replace(/[^/]*$/, "");
    const re = globRegex(abs);
    if (fs.existsSync(base)) for (const f of walk(base, [])) if (re.test(f)) files.add(f);
  }
  return [...files].sort();
}

// ---- frontmatter ------------------------------------------------------------------

/** The YAML subset test262 frontmatter uses: scalars, [flow, lists], block lists, one nested map. */
export function frontmatter(src) {
  const m = /\/\*---([\s\S]*?)---\*\//.exec(src);
  const meta = { includes: [], flags: [], features: [], negative: null };
  if (!m) return meta;
  const lines = m[1].split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const km = /^([A-Za-z]+):\s*(.*)$/.exec(lines[i]);
    if (!km) continue;
    const [, key, rest] = km;
    if (key === "negative") {
      const neg = {};
      while (i + 1 < lines.length && /^\s+\S/.test(lines[i + 1])) {
        const sub = /^\s+(\w+):\s*(.*?)\s*$/.exec(lines[++i]);
        if (sub) neg[sub[1]] = sub[2];
      }
      meta.negative = neg;
    } else if (key === "includes" || key === "flags" || key === "features") {
      let items = [];
      if (rest.trim().startsWith("[")) items = rest.replace(/[[\]]/g, "").split(",");
      else while (i + 1 < lines.length && /^\s*-\s/.test(lines[i + 1])) items.push(lines[++i].replace(/^\s*-\s*/, ""));
      meta[key] = items.map((s) => s.trim()).filter(Boolean);
    }
  }
  return meta;
}

// ---- building the variants ---------------------------------------------------------

const harnessCache = new Map();
function harnessFile(o, name) {
  let s = harnessCache.get(name);
  if (s === undefined) harnessCache.set(name, (s = fs.readFileSync(path.join(o.harness, name), "utf8")));
  return s;
}

/**
 * The harness files run as scripts of their own in the test's global scope before it
 * (INTERPRETING.md: "evaluated in the test realm's global scope prior to test
 * execution"), so each is compiled once per run, not once per test.
 */
const compiledHarness = new Map();
function harnessScript(o, name, compiled) {
  const filename = path.join(o.harness, name);
  if (!compiled) return { filename, code: harnessFile(o, name) };
  let code = compiledHarness.get(name);
  if (code === undefined) compiledHarness.set(name, (code = compile(harnessFile(o, name), { filename, sourceType: "script", sourceMaps: false }).code));
  return { filename, code };
}

function variantsOf(o, file) {
  const src = fs.readFileSync(file, "utf8");
  const meta = frontmatter(src);
  const flags = new Set(meta.flags);
  const includes = flags.has("raw") ? [] : ["assert.js", "sta.js", ...(flags.has("async") ? ["doneprintHandle.js"] : []), ...meta.includes];
  const base = { file, async: flags.has("async"), negative: meta.negative, includes: [...new Set(includes)] };
  if (flags.has("module")) return { meta, variants: [{ ...base, name: "module", module: true, src }] };
  const modes = flags.has("raw") || flags.has("noStrict") ? ["sloppy"] : flags.has("onlyStrict") ? ["strict"] : ["sloppy", "strict"];
  return {
    meta,
    variants: modes.map((mode) => ({
      ...base,
      name: mode,
      module: false,
      script: mode === "strict" ? `"use strict";\n${src}` : src,
    })),
  };
}

/** The job for one variant, natively or compiled (compile() runs here, once). */
function jobFor(o, v, compiled) {
  const job = { file: v.file, compiled, module: v.module, async: v.async, negative: v.negative };
  let harness;
  try {
    harness = v.includes.map((n) => harnessScript(o, n, compiled));
  } catch (e) {
    return { ...job, harness: [], code: null, compileError: { name: "HarnessCompileError", message: `harness: ${String(e.message).split("\n")[0]}` } };
  }
  if (v.module) return { ...job, harness };
  if (!compiled) return { ...job, harness, code: v.script };
  try {
    return { ...job, harness, code: compile(v.script, { filename: v.file, sourceType: "script", sourceMaps: false }).code };
  } catch (e) {
    // Babel's code-frame errors are SyntaxErrors too: ours (an unsupported construct)
    // say "stackless-ts:" and are not parse errors.
    const ours = /stackless-ts:/.test(String(e.message));
    return { ...job, harness, code: null, compileError: { name: ours ? "StacklessCompileError" : e instanceof SyntaxError ? "SyntaxError" : e.name, message: String(e.message).split("\n")[0] } };
  }
}

// ---- running ---------------------------------------------------------------------

function runJob(job, timeout) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--experimental-vm-modules", "--expose-gc", "--no-warnings", host], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve({ ok: false, error: `timeout after ${timeout} ms` });
    }, timeout);
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const line = out.split("\n").find((l) => l.startsWith("\u0001RESULT "));
      if (line) return resolve(JSON.parse(line.slice(8)));
      const first = err.split("\n").find((l) => /Error|error/.test(l)) ?? err.split("\n")[0] ?? "";
      resolve({ ok: false, error: `host exited (${signal ?? code}) without a result: ${first.trim()}` });
    });
    child.stdin.on("error", () => {});
    child.stdin.end(JSON.stringify(job));
  });
}

async function pool(items, n, fn) {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, n) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  });
  await Promise.all(workers);
}

/** "unsupported" when compile() refused a construct by design (docs/unsupported.md). */
export function category(error) {
  if (/compile error: .*direct `eval`/.test(error)) return "unsupported: direct eval";
  if (/compile error: .*`with`/.test(error)) return "unsupported: with";
  if (/^compile error/.test(error)) return "compile error";
  if (/timeout/.test(error)) return "timeout";
  return "wrong result";
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const files = select(o);
  const rel = (f) => (o.dir ? path.relative(o.dir, f) : path.relative(process.cwd(), f));
  const tasks = [];
  const tests = [];
  for (const file of files) {
    const { meta, variants } = variantsOf(o, file);
    const t = { file: rel(file), features: meta.features, variants: variants.map((v) => ({ name: v.name, native: null, compiled: null })) };
    tests.push(t);
    variants.forEach((v, i) => {
      // --compiled-only (tests written to pass natively, e.g. our corpus in CI): every
      // variant counts as passing natively; a broken test then fails compiled as well.
      if (o.compiledOnly) t.variants[i].native = { ok: true, assumed: true };
      else tasks.push({ t, i, v, compiled: false });
      tasks.push({ t, i, v, compiled: true });
    });
  }
  const started = Date.now();
  let done = 0;
  await pool(tasks, o.jobs, async (task) => {
    const r = await runJob(jobFor(o, task.v, task.compiled), o.timeout);
    task.t.variants[task.i][task.compiled ? "compiled" : "native"] = r;
    if (!o.quiet && ++done % 200 === 0) process.stderr.write(`  ${done}/${tasks.length} runs, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  });

  const passes = (t, k) => t.variants.every((v) => v[k].ok);
  const nativePass = tests.filter((t) => passes(t, "native"));
  const both = nativePass.filter((t) => passes(t, "compiled"));
  const variants = tests.flatMap((t) => t.variants);
  const vNative = variants.filter((v) => v.native.ok);
  const vBoth = vNative.filter((v) => v.compiled.ok);
  const failures = nativePass
    .filter((t) => !passes(t, "compiled"))
    .map((t) => {
      const bad = t.variants.find((v) => !v.compiled.ok);
      const error = bad.compiled.error ?? "";
      return { file: t.file, variant: bad.name, category: category(error), error };
    });
  const categories = {};
  for (const f of failures) categories[f.category] = (categories[f.category] ?? 0) + 1;
  const ratio = (a, b) => (b ? `${((100 * a) / b).toFixed(2)}%` : "n/a");
  const summary = {
    tests: tests.length,
    nativePassing: nativePass.length,
    compiledPassingOfThose: both.length,
    ratio: ratio(both.length, nativePass.length),
    variants: variants.length,
    variantsNativePassing: vNative.length,
    variantsCompiledPassingOfThose: vBoth.length,
    variantRatio: ratio(vBoth.length, vNative.length),
    categories,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  const nativeFailures = tests
    .filter((t) => !passes(t, "native"))
    .map((t) => ({ file: t.file, error: t.variants.find((v) => !v.native.ok).native.error }));
  fs.writeFileSync(o.out, JSON.stringify({ summary, failures, nativeFailures }, null, 1));
  console.log(`test262: ${summary.tests} tests, ${summary.nativePassing} pass natively, ${summary.compiledPassingOfThose} of those pass compiled: ${summary.ratio}`);
  console.log(`  variants: ${summary.variants}, ${summary.variantsNativePassing} pass natively, ${summary.variantsCompiledPassingOfThose} of those compiled: ${summary.variantRatio}`);
  for (const [k, n] of Object.entries(categories)) console.log(`  ${k}: ${n}`);
  console.log(`  failing list: ${o.out} (${summary.seconds} s)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e.message);
    process.exit(2);
  });
}

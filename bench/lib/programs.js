// Workload programs: bench/programs/*.js are imported as they are for the
// native variant, and compiled with stackless-ts/compiler into bench/.out/
// (inside the repo, so `import "stackless-ts"` in the output resolves to this
// package by self-reference) for the compiled variants.
//
// prepare() runs once in the parent process and records, per program and per
// compiler setting, either the output file or the reason it is missing, in
// bench/.out/status.json; children only read that file. A missing compiler or
// a failed compile becomes an "n/a: <reason>" row, never a crash.

import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const BENCH_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
export const ROOT = dirname(BENCH_DIR);
export const PROGRAMS_DIR = join(BENCH_DIR, "programs");
export const OUT_DIR = join(BENCH_DIR, ".out");
export const STATUS_FILE = join(OUT_DIR, "status.json");

/** Compiler settings a program is compiled with: directory name -> options. */
export const SETTINGS = {
  count: { count: true },
  nocount: { count: false },
};

/** The variant names used in rows, per setting. */
export const VARIANT_OF_SETTING = { count: "compiled", nocount: "compiled-nocount" };

/** Thrown for a variant that cannot run here; becomes an "n/a" row. */
export class NotAvailable extends Error {}

/** First line of an error's message, short enough for a table cell. */
export function reasonOf(err) {
  const msg = err && typeof err === "object" && "message" in err ? String(err.message) : String(err);
  const code = err && typeof err === "object" && "code" in err && err.code ? `${err.code}: ` : "";
  const line = (code + msg)
    .split("\n")[0]
    .replace(/ imported from \S+/, "")
    .replaceAll(ROOT + "/", "")
    .replaceAll(pathToFileURL(ROOT).href + "/", "")
    .trim();
  return line.length > 160 ? line.slice(0, 157) + "..." : line;
}

export function programSources() {
  return readdirSync(PROGRAMS_DIR)
    .filter((f) => /\.(m?js|ts)$/.test(f) && !f.startsWith("corpus"))
    .sort();
}

/**
 * Loads `stackless-ts/compiler` (or the module named by the environment
 * variable STACKLESS_BENCH_COMPILER, to compare another compile()); returns
 * { compile } or { error }.
 */
export async function loadCompiler() {
  const alt = process.env.STACKLESS_BENCH_COMPILER;
  const spec = alt ? pathToFileURL(resolve(ROOT, alt)).href : "stackless-ts/compiler";
  try {
    const mod = await import(spec);
    const compile = mod.compile ?? mod.default?.compile;
    if (typeof compile !== "function") return { error: "stackless-ts/compiler has no compile() export" };
    return { compile };
  } catch (err) {
    return { error: `${alt ?? "stackless-ts/compiler"} not importable (${reasonOf(err)})` };
  }
}

/** Compiles every program with every setting into bench/.out/; writes status.json. */
export async function prepare(log = () => {}) {
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const status = { compiler: null, programs: {} };
  const { compile, error } = await loadCompiler();
  status.compiler = error ?? "ok";
  for (const file of programSources()) {
    const name = basename(file).replace(/\.(m?js|ts)$/, "");
    const filename = join(PROGRAMS_DIR, file);
    const source = readFileSync(filename, "utf8");
    status.programs[name] = { source: file };
    for (const [setting, opts] of Object.entries(SETTINGS)) {
      if (!compile) {
        status.programs[name][setting] = { error };
        continue;
      }
      try {
        const t0 = performance.now();
        const result = await compile(source, { filename, sourceMaps: false, ...opts });
        const dir = join(OUT_DIR, setting);
        mkdirSync(dir, { recursive: true });
        const out = join(dir, name + ".js");
        writeFileSync(out, result.code);
        status.programs[name][setting] = { file: out, ms: performance.now() - t0 };
      } catch (err) {
        status.programs[name][setting] = { error: `compile failed (${setting}): ${reasonOf(err)}` };
        log(`bench: compiling ${file} (${setting}) failed: ${reasonOf(err)}`);
      }
    }
  }
  writeFileSync(STATUS_FILE, JSON.stringify(status, null, 2));
  return status;
}

let cachedStatus = null;
function readStatus() {
  if (!cachedStatus) {
    try {
      cachedStatus = JSON.parse(readFileSync(STATUS_FILE, "utf8"));
    } catch {
      throw new NotAvailable("bench/.out/status.json missing: run bench/run.js, which compiles the programs first");
    }
  }
  return cachedStatus;
}

/**
 * Imports program `name` for a variant: "native" is the source itself; "compiled" /
 * "compiled-nocount" are compile()'s output. Throws NotAvailable with the reason.
 */
export async function loadProgram(name, variant) {
  if (variant === "native") {
    const file = readStatus().programs[name]?.source ?? `${name}.js`;
    return import(pathToFileURL(join(PROGRAMS_DIR, file)).href);
  }
  // Compiled code runs as in any program that uses stackless-ts: with the runtime
  // loaded, which installs the tasklet-code versions of the built-ins that call back
  // (runtime/soft.ts). Without it, a callback given to a built-in is entered from plain
  // code (rt.nested, a trampoline per call): W2 callbacks was 2.8x native that way and
  // 1.3x with the runtime. The runtime changes nothing in native code.
  await loadRuntime();
  const setting = Object.keys(VARIANT_OF_SETTING).find((s) => VARIANT_OF_SETTING[s] === variant);
  const entry = readStatus().programs[name]?.[setting];
  if (!entry) throw new NotAvailable(`no program ${name} / ${variant}`);
  if (entry.error) throw new NotAvailable(entry.error);
  try {
    return await import(pathToFileURL(entry.file).href);
  } catch (err) {
    throw new NotAvailable(`compiled ${name} failed to load (${reasonOf(err)})`);
  }
}

/** Imports the runtime `stackless-ts`, or throws NotAvailable with the reason. */
export async function loadRuntime() {
  try {
    return await import("stackless-ts");
  } catch (err) {
    throw new NotAvailable(`stackless-ts runtime not importable (${reasonOf(err)})`);
  }
}

/**
 * Compiled code keyed by content, so a module is compiled by Babel once.
 *
 * - Memory: per process (the loader's hooks thread), always on.
 * - Disk: `node_modules/.cache/stackless-ts/` under the project root, only if that
 *   node_modules exists (we never create one in a user's folder); `STACKLESS_CACHE=0`
 *   turns it off. The key hashes the compiler's own files, not only its version: in this
 *   repository the compiler changes without version bumps and a stale entry would run
 *   old code silently.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ownVersion, projectRoot } from "./paths.js";

const memory = new Map<string, string>();
let fingerprint: string | null = null;

/**
 * The compiled text of `filename` (whose content is `source`) with an inline map. The
 * compiler (Babel) is imported on the first miss only: a run served from the disk cache
 * starts without loading it.
 */
export async function compileCached(filename: string, source: string): Promise<string> {
  const mode = process.env["STACKLESS_TRANSFORM"] === "0" ? "types-only" : "plugin"; // see pluginEnabled()
  const key = sha256([compilerFingerprint(), mode, filename, source].join("\0"));
  const hit = memory.get(key);
  if (hit !== undefined) return hit;
  const dir = diskDir(filename);
  let code = dir === null ? null : readOrNull(join(dir, `${key}.js`));
  if (code === null) {
    const { compileInline } = await import("./compile-file.js");
    code = compileInline(filename, source);
    if (dir !== null) writeBestEffort(dir, `${key}.js`, code);
  }
  memory.set(key, code);
  return code;
}

function diskDir(filename: string): string | null {
  if (process.env["STACKLESS_CACHE"] === "0") return null;
  const nodeModules = join(projectRoot(filename), "node_modules");
  try {
    readdirSync(nodeModules);
  } catch {
    return null;
  }
  return join(nodeModules, ".cache", "stackless-ts");
}

/** Own version, Babel's versions, and the bytes of every file of the compiler. */
function compilerFingerprint(): string {
  if (fingerprint !== null) return fingerprint;
  const hash = createHash("sha256").update(ownVersion());
  const require = createRequire(import.meta.url);
  for (const pkg of ["@babel/core", "@babel/preset-typescript"]) {
    hash.update(`\0${pkg}@${readOrNull(safeResolve(require, `${pkg}/package.json`)) ?? "?"}`);
  }
  // cli/../compiler from the sources, dist/cli/../compiler once built: the same rule.
  const compilerDir = join(dirname(fileURLToPath(import.meta.url)), "..", "compiler");
  for (const file of listFiles(compilerDir)) hash.update(`\0${file}\0`).update(readFileSync(file));
  fingerprint = hash.digest("hex");
  return fingerprint;
}

function listFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) files.push(...listFiles(p));
    else if (/\.(js|ts)$/.test(e.name)) files.push(p);
  }
  return files.sort();
}

function safeResolve(require: NodeRequire, id: string): string {
  try {
    return require.resolve(id);
  } catch {
    return "";
  }
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

/** Write then rename, so a concurrent reader never sees half a file; failures only cost speed. */
function writeBestEffort(dir: string, name: string, text: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = join(dir, `${name}.${process.pid}.tmp`);
    writeFileSync(tmp, text);
    renameSync(tmp, join(dir, name));
  } catch {
    // read-only tree, full disk: compile again next time
  }
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

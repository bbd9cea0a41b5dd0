/**
 * Which files are tasklet code, and where things live on disk. The loader (hooks thread)
 * and the commands (main thread) both ask these questions; keep the rules here only.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, extname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** Extensions the loader compiles. `.cts`/`.cjs` stay out: the output is an ES module. */
export const COMPILED_EXTENSIONS: ReadonlySet<string> = new Set([".ts", ".mts", ".js", ".mjs"]);

/** Walks up from `dir` to the first directory holding a package.json, or null. */
function findPackageDir(dir: string, accept: (pkgJson: string) => boolean): string | null {
  for (let d = dir; ; d = dirname(d)) {
    const candidate = join(d, "package.json");
    if (existsSync(candidate) && accept(candidate)) return d;
    if (dirname(d) === d) return null;
  }
}

/**
 * The stackless-ts package this code belongs to. Found by name rather than by a fixed
 * "../.." so that it is right both from cli/*.ts (tests) and from dist/cli/*.js.
 */
export const ownRoot: string = (() => {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = findPackageDir(here, (p) => {
    try {
      return (JSON.parse(readFileSync(p, "utf8")) as { name?: unknown }).name === "stackless-ts";
    } catch {
      return false;
    }
  });
  if (root === null) throw new Error(`stackless-ts: cannot find its own package.json above ${here}`);
  return root;
})();

export function ownVersion(): string {
  const pkg = JSON.parse(readFileSync(join(ownRoot, "package.json"), "utf8")) as { version?: unknown };
  return typeof pkg.version === "string" ? pkg.version : "0.0.0";
}

/**
 * Our own folders that must never go through the plugin: dist/ and runtime/ are the
 * runtime itself (compiling it would make the scheduler tasklet code); compiler/ and
 * cli/ are tools that run in plain code.
 */
const ownPlainDirs = ["dist", "runtime", "compiler", "cli"].map((d) => join(ownRoot, d) + sep);

/** The absolute path of a file: URL the loader should compile, or null. */
export function compilablePath(url: string): string | null {
  if (!url.startsWith("file:")) return null;
  const path = fileURLToPath(url.replace(/[?#].*$/, ""));
  if (!COMPILED_EXTENSIONS.has(extname(path)) || path.endsWith(".d.ts")) return null;
  // node_modules is plain code by definition (API.md, "Tasklet code and plain code").
  if (path.split(sep).includes("node_modules")) return null;
  if (ownPlainDirs.some((d) => path.startsWith(d))) return null;
  return path;
}

const rootCache = new Map<string, string>();

/**
 * The root module ids are relative to: the nearest directory above `file` with a
 * package.json (the user's project), else the file's own directory. Ids must not depend
 * on the current directory, or a snapshot would not restore when run from elsewhere.
 */
export function projectRoot(file: string): string {
  const dir = dirname(file);
  let root = rootCache.get(dir);
  if (root === undefined) {
    root = findPackageDir(dir, () => true) ?? dir;
    rootCache.set(dir, root);
  }
  return root;
}

export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

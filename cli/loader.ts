/**
 * Node module customization hooks (module.register, Node 20.6+). They run on Node's
 * hooks thread, never on the program's: keep them free of runtime imports.
 *
 * - resolve: TypeScript-style specifiers (`./x.js` written for `./x.ts`, extensionless
 *   `./x`), and `stackless-ts` itself pinned to this package, because the code this
 *   compiler emits only works with the protocol of the same build.
 * - load: project files (not node_modules, not our own runtime) go through compile().
 */
import type { LoadHook, ResolveHook } from "node:module";
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { compileCached } from "./compile-cache.js";
import { compilablePath, isFile } from "./paths.js";

/** Tried in order for `./x` once the specifier as written failed. */
const EXTENSIONLESS = [".ts", ".mts", ".js", ".mjs", "/index.ts", "/index.mts", "/index.js", "/index.mjs"];
/** What TypeScript lets `./x.js` / `./x.mjs` stand for. */
const TS_FOR_JS: Readonly<Record<string, string>> = { ".js": ".ts", ".mjs": ".mts" };

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  if (specifier === "stackless-ts" || specifier.startsWith("stackless-ts/")) {
    // Resolved as a self-reference from this file: one runtime, matching the compiler.
    return nextResolve(specifier, { ...context, parentURL: import.meta.url });
  }
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const url = typeScriptFallback(specifier, context.parentURL, error);
    if (url === null) throw error;
    return { url, shortCircuit: true };
  }
};

/** The file: URL a relative specifier means in TypeScript, or null to keep Node's error. */
export function typeScriptFallback(specifier: string, parentURL: string | undefined, error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== "ERR_MODULE_NOT_FOUND" && code !== "ERR_UNSUPPORTED_DIR_IMPORT") return null;
  if (!/^\.{1,2}\//.test(specifier) || parentURL?.startsWith("file:") !== true) return null;
  const target = new URL(specifier, parentURL);
  const suffix = target.search + target.hash;
  target.search = "";
  target.hash = "";
  const path = fileURLToPath(target).replace(/[\\/]$/, "");
  const ext = extname(path);
  const swapped = TS_FOR_JS[ext];
  const candidates = swapped === undefined ? EXTENSIONLESS.map((e) => path + e) : [path.slice(0, -ext.length) + swapped];
  const found = candidates.find(isFile);
  return found === undefined ? null : pathToFileURL(found).href + suffix;
}

export const load: LoadHook = async (url, context, nextLoad) => {
  const path = compilablePath(url);
  if (path === null) return nextLoad(url, context);
  const source = await readFile(path, "utf8");
  const ext = extname(path);
  // A .js file in a package without "type": "module" is CommonJS to Node; compile it
  // only if it is really written as a module (Node 22 looks for module syntax too).
  if (ext === ".js" && context.format !== "module" && !looksLikeModule(source)) {
    return nextLoad(url, context);
  }
  let compiled: string;
  try {
    compiled = await compileCached(path, source);
  } catch (error) {
    throw userFacing(error);
  }
  return { format: "module", source: compiled, shortCircuit: true };
};

/**
 * An error in the user's source (Babel's parse errors, the plugin's code-frame errors)
 * says where in the message; the compiler's own stack would only bury it. Anything else
 * is a compiler bug and keeps its stack for the report.
 */
function userFacing(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const { code, loc } = error as { code?: unknown; loc?: unknown };
  if (code !== "BABEL_PARSE_ERROR" && loc === undefined && !/^>? *\d+ \|/m.test(error.message)) return error;
  const clean = error instanceof SyntaxError ? new SyntaxError(error.message) : new Error(error.message);
  clean.stack = `${clean.name}: ${error.message}`;
  return clean;
}

/** ES module syntax at the start of a line: `import x from`, `import {`, `export …`, `import.meta`. */
export function looksLikeModule(source: string): boolean {
  return /^[ \t]*(?:import\s*[\w{*"'`]|import\.meta\b|export\s*[\w{*])/m.test(source);
}

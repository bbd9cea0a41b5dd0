/**
 * `compile(source, { filename })` (package entry `stackless-ts/compiler`): Babel with the
 * TypeScript preset and the stackless plugin.
 *
 * `sourceType: "module"` (the default; the CLI loader relies on it) parses an ES module
 * (strict) and the output stays one, importing the runtime. `sourceType: "script"` parses
 * a classic script with its own semantics kept (sloppy unless it says "use strict":
 * `with`, octal literals, top-level `this`, global `var`s), and the output has no
 * `import`: it finds the runtime registered on the global object, or `require`s it
 * (docs/scripts.md). A parse error is Babel's `SyntaxError` whose message ends with a
 * code frame.
 */
import { transformSync, type TransformOptions } from "@babel/core";
import presetTypescript from "@babel/preset-typescript";
import stacklessPlugin from "./index.js";

export interface CompileOptions {
  filename: string;
  /** Source maps (default true). */
  sourceMaps?: boolean;
  /** Instruction counting (default true). */
  count?: boolean;
  /** `with`/direct `eval` in a function: keep the functions around it plain (default), or fail the compile ("error"). */
  unsupported?: "plain" | "error";
  /** Local counting in call-free loop nests (default true; off only to compare, see docs/frame-protocol.md rule 9). */
  countLocally?: boolean;
  /** A copy of each function body without resume routing (default true; off only to compare, see docs/frame-protocol.md rule 13). */
  hotCopies?: boolean;
  /** Package root for module ids (default: nearest package.json above the file). */
  root?: string;
  /** Module id override. */
  moduleId?: string;
  /** How to parse the source and reach the runtime (default "module"; see the file comment). */
  sourceType?: "module" | "script";
}

export interface CompileResult {
  code: string;
  map: object | null;
}

/** The Babel options `compile` uses (tests reuse them to inspect the output AST). */
export function babelOptions(opts: CompileOptions, withPlugin = true): TransformOptions {
  const pluginOpts: Record<string, unknown> = {};
  if (opts.count !== undefined) pluginOpts["count"] = opts.count;
  if (opts.countLocally !== undefined) pluginOpts["countLocally"] = opts.countLocally;
  if (opts.hotCopies !== undefined) pluginOpts["hotCopies"] = opts.hotCopies;
  if (opts.unsupported !== undefined) pluginOpts["unsupported"] = opts.unsupported;
  if (opts.root !== undefined) pluginOpts["root"] = opts.root;
  if (opts.moduleId !== undefined) pluginOpts["moduleId"] = opts.moduleId;
  const sourceType = opts.sourceType ?? "module";
  if (sourceType !== "module" && sourceType !== "script") {
    throw new Error(`stackless-ts: .sourceType must be "module" or "script", or undefined (got ${String(sourceType)})`);
  }
  return {
    filename: opts.filename,
    babelrc: false,
    configFile: false,
    // The plugin reads it back from the Program node. Nothing in this pipeline adds
    // "use strict" (only Babel's CommonJS transform would), so a sloppy script stays sloppy.
    sourceType,
    sourceMaps: opts.sourceMaps ?? true,
    // Code frames in error messages stay plain text: Babel colours them wherever it
    // guesses a colour terminal (CI=true among others), and messages end up in logs.
    highlightCode: false,
    // allowDeclareFields: a field without an initializer (`x;`, `[k()];`, `x: T;`) is a
    // field, as in JavaScript and in TypeScript's useDefineForClassFields (the default
    // from ES2022 on); only `declare x: T;` is a type. Without it the preset deletes such
    // fields, and with them their computed keys' side effects.
    // JavaScript files (.js .mjs .cjs .jsx) get no TypeScript preset: it would parse them
    // as TypeScript (`<T>(x)` is a cast there) and elide imports whose bindings look
    // unused, and with them the imported module's side effects.
    presets: isJavaScript(opts.filename) ? [] : [[presetTypescript, { onlyRemoveTypeImports: false, allExtensions: true, allowDeclareFields: true }]],
    plugins: withPlugin ? [[stacklessPlugin, pluginOpts]] : [],
  };
}

function isJavaScript(filename: string | undefined): boolean {
  return filename !== undefined && /\.(m|c)?jsx?$/i.test(filename);
}

export function compile(source: string, opts: CompileOptions): CompileResult {
  const result = transformSync(source, babelOptions(opts));
  if (!result || result.code == null) throw new Error(`stackless-ts: Babel produced no output for ${opts.filename}`);
  return { code: result.code, map: (result.map as object | null | undefined) ?? null };
}

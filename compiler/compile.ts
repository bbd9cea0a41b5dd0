/**
 * `compile(source, { filename })` (package entry `stackless-ts/compiler`): Babel with the
 * TypeScript preset and the stackless plugin; the output stays ESM.
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
  /** Package root for module ids (default: nearest package.json above the file). */
  root?: string;
  /** Module id override. */
  moduleId?: string;
}

export interface CompileResult {
  code: string;
  map: object | null;
}

/** The Babel options `compile` uses (tests reuse them to inspect the output AST). */
export function babelOptions(opts: CompileOptions, withPlugin = true): TransformOptions {
  const pluginOpts: Record<string, unknown> = {};
  if (opts.count !== undefined) pluginOpts["count"] = opts.count;
  if (opts.root !== undefined) pluginOpts["root"] = opts.root;
  if (opts.moduleId !== undefined) pluginOpts["moduleId"] = opts.moduleId;
  return {
    filename: opts.filename,
    babelrc: false,
    configFile: false,
    sourceType: "module",
    sourceMaps: opts.sourceMaps ?? true,
    presets: [[presetTypescript, { onlyRemoveTypeImports: false, allExtensions: true }]],
    plugins: withPlugin ? [[stacklessPlugin, pluginOpts]] : [],
  };
}

export function compile(source: string, opts: CompileOptions): CompileResult {
  const result = transformSync(source, babelOptions(opts));
  if (!result || result.code == null) throw new Error(`stackless-ts: Babel produced no output for ${opts.filename}`);
  return { code: result.code, map: (result.map as object | null | undefined) ?? null };
}

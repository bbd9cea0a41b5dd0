/**
 * compile() plus what a file on disk needs around it: a module id root and a source map
 * whose `sources` point at the original file from wherever the output lives.
 */
import { transformSync } from "@babel/core";
import { basename, dirname, relative, sep } from "node:path";
import { babelOptions, compile } from "../compiler/compile.js";
import { projectRoot } from "./paths.js";

/** The fields of a v3 source map this code touches; the rest passes through. */
interface SourceMapV3 {
  version: number;
  sources: string[];
  file?: string;
  sourceRoot?: string;
  [key: string]: unknown;
}

export interface CompiledFile {
  code: string;
  map: SourceMapV3 | null;
}

/**
 * Compiles `source` (the text of `filename`) for output placed in `outDir`; the map's
 * single source is the original file relative to `outDir`, so Node and debuggers resolve
 * it whether the code is inline (outDir = the file's own folder) or written elsewhere.
 */
export function compileFile(
  filename: string,
  source: string,
  outDir = dirname(filename),
  root = projectRoot(filename),
  plugin = pluginEnabled(),
): CompiledFile {
  const { code, map } = plugin ? compile(source, { filename, sourceMaps: true, root }) : stripTypes(filename, source, root);
  if (map === null) return { code, map: null };
  const fixed = { ...(map as SourceMapV3) };
  fixed.sources = [relative(outDir, filename).split(sep).join("/")];
  delete fixed.sourceRoot;
  return { code: stripMapComment(code), map: fixed };
}

/**
 * `STACKLESS_TRANSFORM=0`: types are stripped but no function becomes tasklet code, so
 * the program runs as plain code (every switch hard). Differential tests compare the two.
 */
export function pluginEnabled(): boolean {
  return process.env["STACKLESS_TRANSFORM"] !== "0";
}

function stripTypes(filename: string, source: string, root: string): { code: string; map: object | null } {
  const result = transformSync(source, babelOptions({ filename, sourceMaps: true, root }, false));
  if (result?.code == null) throw new Error(`stackless-ts: Babel produced no output for ${filename}`);
  return { code: result.code, map: (result.map as object | null | undefined) ?? null };
}

/** The compiled code with its map inline: what the loader hands to Node. */
export function compileInline(filename: string, source: string): string {
  return withInlineMap(compileFile(filename, source), basename(filename));
}

export function withInlineMap({ code, map }: CompiledFile, file: string): string {
  if (map === null) return code;
  const data = Buffer.from(JSON.stringify({ ...map, file })).toString("base64");
  return `${code}\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${data}\n`;
}

/** compile() may already append a map comment; ours replaces it so there is one only. */
function stripMapComment(code: string): string {
  return code.replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, "");
}

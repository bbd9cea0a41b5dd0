/**
 * compile() plus what a file on disk needs around it: a module id root and a source map
 * whose `sources` point at the original file from wherever the output lives.
 */
import { basename, dirname, relative, sep } from "node:path";
import { compile } from "../compiler/compile.js";
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
export function compileFile(filename: string, source: string, outDir = dirname(filename), root = projectRoot(filename)): CompiledFile {
  const { code, map } = compile(source, { filename, sourceMaps: true, root });
  if (map === null) return { code, map: null };
  const fixed = { ...(map as SourceMapV3) };
  fixed.sources = [relative(outDir, filename).split(sep).join("/")];
  delete fixed.sourceRoot;
  return { code: stripMapComment(code), map: fixed };
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

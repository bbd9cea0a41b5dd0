/**
 * `stackless compile SRC [-o OUT] [--root DIR]`: the loader's compilation, written out.
 * With -o: OUT gets the code and a `sourceMappingURL` comment, OUT.map the map (its
 * source path relative to OUT). Without: the code goes to stdout with the map inline.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { type CompiledFile, compileFile, withInlineMap } from "../compile-file.js";
import { UsageError } from "../errors.js";
import { isFile, projectRoot } from "../paths.js";

interface CompileArgs {
  src: string;
  out: string | null;
  root: string | null;
}

export async function compileCommand(args: readonly string[]): Promise<number> {
  const { src, out, root } = parse(args);
  const srcPath = resolve(src);
  if (!isFile(srcPath)) throw new UsageError(`cannot find file '${src}'`);
  const outPath = out === null ? null : resolve(out);
  let compiled: CompiledFile;
  try {
    const outDir = outPath === null ? dirname(srcPath) : dirname(outPath);
    compiled = compileFile(srcPath, readFileSync(srcPath, "utf8"), outDir, root === null ? projectRoot(srcPath) : resolve(root));
  } catch (error) {
    // A syntax error in SRC: Babel's message already names the file and shows the line.
    process.stderr.write(`stackless compile: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  if (outPath === null) {
    process.stdout.write(withInlineMap(compiled, basename(srcPath)));
    return 0;
  }
  let { code } = compiled;
  mkdirSync(dirname(outPath), { recursive: true });
  if (compiled.map !== null) {
    writeFileSync(`${outPath}.map`, JSON.stringify({ ...compiled.map, file: basename(outPath) }));
    code += `\n//# sourceMappingURL=${basename(outPath)}.map\n`;
  }
  writeFileSync(outPath, code);
  return 0;
}

function parse(args: readonly string[]): CompileArgs {
  let src: string | null = null;
  let out: string | null = null;
  let root: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "-o" || arg === "--out" || arg === "--root") {
      const value = args[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      if (arg === "--root") root = value;
      else out = value;
    } else if (arg.startsWith("-") && arg !== "-") {
      throw new UsageError(`unknown option '${arg}'`);
    } else if (src === null) {
      src = arg;
    } else {
      throw new UsageError(`unexpected argument '${arg}' (one SRC at a time)`);
    }
  }
  if (src === null) throw new UsageError("missing SRC");
  if (out !== null && resolve(out) === resolve(src)) throw new UsageError(`-o ${out} would overwrite SRC`);
  return { src, out, root };
}

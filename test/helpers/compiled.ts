/**
 * Compiles tasklet code from a string and imports it into the test process, so that the
 * test's runtime (one scheduler) runs it. The module id is `test/.out/<name>.ts`, stable
 * across runs, as a real module's would be.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";
import { compile, type CompileOptions } from "../../compiler/compile.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const outDir = join(root, "test/.out");
let n = 0;

export async function loadTaskletModule<T = Record<string, any>>(name: string, source: string, options: Partial<CompileOptions> = {}): Promise<T> {
  mkdirSync(outDir, { recursive: true });
  const filename = join(outDir, `${name}.ts`);
  const { code } = compile(source, { filename, root, ...options });
  // A fresh file name per load: the same source loaded twice is two module instances.
  const file = join(outDir, `${name}.${process.pid}.${n++}.mjs`);
  writeFileSync(file, code);
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as T;
}

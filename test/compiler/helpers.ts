/**
 * Test helpers for the compiler: compile with the checks every compile gets (no AST node
 * twice in the output), load compiled code as a module, capture console output, and run
 * with a switch forced at every call and loop iteration.
 */
import { transformSync } from "@babel/core";
import * as t from "@babel/types";
import * as fs from "node:fs";
import * as path from "node:path";
import { format } from "node:util";
import { pathToFileURL } from "node:url";
import { babelOptions, type CompileOptions } from "../../compiler/compile.js";

export const repoRoot = path.resolve(import.meta.dirname, "../..");
const execDir = path.join(repoRoot, ".tmp", "exec");

/** Every node object must appear once: a shared node corrupts later Babel passes. */
export function assertNoSharedNodes(ast: t.Node): void {
  const seen = new Set<t.Node>();
  const visit = (n: t.Node, where: string): void => {
    if (seen.has(n)) throw new Error(`AST node ${n.type} appears twice in the output (at ${where})`);
    seen.add(n);
    for (const key of t.VISITOR_KEYS[n.type] ?? []) {
      const v = (n as unknown as Record<string, unknown>)[key];
      const list = Array.isArray(v) ? v : [v];
      for (const c of list) if (c && typeof c === "object" && typeof (c as t.Node).type === "string") visit(c as t.Node, `${where}.${key}`);
    }
  };
  visit(ast, "File");
}

export interface Compiled {
  code: string;
}

/** compile() plus the shared-node check. */
export function compileChecked(source: string, opts: CompileOptions): Compiled {
  const r = transformSync(source, { ...babelOptions({ ...opts, sourceMaps: false }), ast: true, code: true });
  if (!r || r.code == null || !r.ast) throw new Error("no output");
  assertNoSharedNodes(r.ast);
  return { code: r.code };
}

/** TypeScript stripped, nothing else: the uncompiled program. */
export function stripTypes(source: string, filename: string): string {
  const r = transformSync(source, babelOptions({ filename, sourceMaps: false }, false));
  if (!r || r.code == null) throw new Error("no output");
  return r.code;
}

let counter = 0;

/** Writes `code` under .tmp/exec and imports it (vitest resolves stackless-ts/* there). */
export async function loadModule(code: string, name: string): Promise<Record<string, unknown>> {
  fs.mkdirSync(execDir, { recursive: true });
  const file = path.join(execDir, `${name.replace(/[^\w.-]+/g, "_")}.${process.pid}.${counter++}.mjs`);
  fs.writeFileSync(file, code);
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as Record<string, unknown>;
}

/** Runs `fn` with console.log captured; returns the printed lines. */
export async function captureLog(fn: () => unknown): Promise<string[]> {
  const lines: string[] = [];
  const orig = console.log;
  console.log = (...args: unknown[]) => {
    lines.push(format(...args));
  };
  try {
    await fn();
  } finally {
    console.log = orig;
  }
  return lines;
}

/**
 * Robustness: every TypeScript file of this repository (real code, not written for the
 * compiler) compiles, shares no AST node, and its output parses as an ES module.
 * Nothing here runs the output; the differential tests do that.
 */
import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseSync } from "@babel/core";
import { compileChecked, repoRoot } from "./helpers.js";

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (/\.(ts|mts)$/.test(e.name) && !e.name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

const files = ["compiler", "runtime", "cli"].flatMap((d) => (fs.existsSync(path.join(repoRoot, d)) ? tsFiles(path.join(repoRoot, d)) : []));

describe("the compiler handles real code", () => {
  it.each(files.map((f) => path.relative(repoRoot, f)))("%s", (rel) => {
    const src = fs.readFileSync(path.join(repoRoot, rel), "utf8");
    const { code } = compileChecked(src, { filename: path.join(repoRoot, rel), root: repoRoot });
    expect(() => parseSync(code, { babelrc: false, configFile: false, sourceType: "module" })).not.toThrow();
  });
});

/**
 * One test per fixtures/transform/<suite>/<case>/ folder (STYLE habit 12):
 *   input.ts      the source
 *   output.js     the expected output: written when missing (never when CI is set);
 *                 OVERWRITE=1 rewrites it
 *   exec.ts       optional: compiled and run (with `expect` global), normally and with a
 *                 switch forced at every call
 *   options.json  plugin options, cascading fixtures/transform → suite → case, or
 *                 { "throws": "fragment" } when the compile must fail
 * A folder whose name starts with "." is disabled. Files directly in a suite folder (the
 * differential programs) are not cases.
 */
import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as path from "node:path";
import { BUDGET_IDLE, rt } from "../../runtime/protocol.js";
import { compileChecked, loadModule, repoRoot } from "./helpers.js";

const root = path.join(repoRoot, "fixtures/transform");

interface CaseOptions {
  throws?: string;
  count?: boolean;
  moduleId?: string;
  unsupported?: "plain" | "error";
}

function readOptions(dir: string): CaseOptions {
  const f = path.join(dir, "options.json");
  return fs.existsSync(f) ? (JSON.parse(fs.readFileSync(f, "utf8")) as CaseOptions) : {};
}

function dirs(p: string): string[] {
  return fs.readdirSync(p, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith(".")).map((d) => d.name);
}

const rootOpts = readOptions(root);

for (const suite of dirs(root)) {
  const suiteDir = path.join(root, suite);
  const suiteOpts = { ...rootOpts, ...readOptions(suiteDir) };
  const cases = dirs(suiteDir).filter((c) => fs.existsSync(path.join(suiteDir, c, "input.ts")));
  if (cases.length === 0) continue;
  describe(`transform/${suite}`, () => {
    for (const name of cases) {
      const dir = path.join(suiteDir, name);
      const opts: CaseOptions = { ...suiteOpts, ...readOptions(dir) };
      it(name, async () => {
        const inputFile = path.join(dir, "input.ts");
        const input = fs.readFileSync(inputFile, "utf8");
        const compileOpts = { filename: inputFile, root: repoRoot, ...(opts.count !== undefined ? { count: opts.count } : {}), ...(opts.moduleId ? { moduleId: opts.moduleId } : {}), ...(opts.unsupported ? { unsupported: opts.unsupported } : {}) };
        if (opts.throws !== undefined) {
          expect(() => compileChecked(input, compileOpts)).toThrow(opts.throws);
          return;
        }
        const { code } = compileChecked(input, compileOpts);
        const outFile = path.join(dir, "output.js");
        const rel = path.relative(repoRoot, outFile);
        if (!fs.existsSync(outFile) || process.env["OVERWRITE"] === "1") {
          if (process.env["CI"]) throw new Error(`${rel} is missing: run the tests locally to write it, review it, commit it`);
          fs.writeFileSync(outFile, code + "\n");
        } else {
          const expected = fs.readFileSync(outFile, "utf8").replace(/\n$/, "");
          expect(code, `${rel} differs: if the change is intended, delete the file (or run with OVERWRITE=1) and re-run`).toBe(expected);
        }
        const execFile = path.join(dir, "exec.ts");
        if (fs.existsSync(execFile)) {
          const exec = compileChecked(fs.readFileSync(execFile, "utf8"), { ...compileOpts, filename: execFile });
          const g = globalThis as { expect?: unknown };
          g.expect = expect;
          try {
            await loadModule(exec.code, `${suite}.${name}.exec`);
            rt.forceUnwind = true;
            rt.budget = -1;
            await loadModule(exec.code, `${suite}.${name}.exec.forced`);
          } finally {
            rt.forceUnwind = false;
            rt.budget = BUDGET_IDLE;
            delete g.expect;
          }
        }
      });
    }
  });
}

/**
 * Differential tests (STYLE habit 13): each fixtures/transform/differential/*.ts program
 * must print the same lines uncompiled (types stripped only), compiled, and compiled with
 * a switch forced at every call and loop iteration (rt.forceUnwind: every budget check
 * unwinds every frame to the trampoline, which resumes them). A program that cannot run
 * uncompiled (recursion deeper than the JS stack) has its expected output in <name>.stdout.
 */
import { afterEach, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as path from "node:path";
import { BUDGET_IDLE, rt } from "../../runtime/protocol.js";
import { captureLog, compileChecked, loadModule, repoRoot, stripTypes } from "./helpers.js";

const dir = path.join(repoRoot, "fixtures/transform/differential");
const programs = fs.readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.startsWith("."));

async function run(code: string, name: string): Promise<string[]> {
  return captureLog(async () => {
    try {
      await loadModule(code, name);
    } catch (e) {
      console.log("uncaught:", e instanceof Error ? `${e.name}: ${e.message}` : String(e));
    }
  });
}

afterEach(() => {
  rt.forceUnwind = false;
  rt.budget = BUDGET_IDLE;
});

describe("compiled programs print what uncompiled programs print", () => {
  for (const file of programs) {
    const name = file.replace(/\.ts$/, "");
    it(name, async () => {
      const full = path.join(dir, file);
      const src = fs.readFileSync(full, "utf8");
      const stdoutFile = path.join(dir, `${name}.stdout`);
      const expected = fs.existsSync(stdoutFile)
        ? fs.readFileSync(stdoutFile, "utf8").replace(/\n$/, "").split("\n")
        : await run(stripTypes(src, full), `${name}.native`);
      const { code } = compileChecked(src, { filename: full, root: repoRoot });
      expect(await run(code, `${name}.compiled`), "compiled, no forced switch").toEqual(expected);

      let saves = 0;
      const save = rt.save;
      rt.save = ((...a: Parameters<typeof save>) => {
        saves++;
        // Not save(...a): a program may have replaced the array iterator (replaced-array-iterator.ts).
        return Reflect.apply(save, rt, a);
      }) as typeof save;
      rt.forceUnwind = true;
      rt.budget = -1;
      try {
        expect(await run(code, `${name}.forced`), "compiled, switch at every call").toEqual(expected);
      } finally {
        rt.save = save;
        rt.forceUnwind = false;
        rt.budget = BUDGET_IDLE;
      }
      expect(saves, "frames were saved and resumed").toBeGreaterThan(0);
    });
  }
});

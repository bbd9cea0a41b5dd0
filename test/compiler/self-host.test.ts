/**
 * Self-hosting: the compiler compiled by itself is a large real program (classes,
 * closures over loop variables, Map/Set iteration, switch, try/finally, destructuring,
 * optional chains). Run as tasklet code, it must produce byte-identical output to the
 * native compiler, both normally and with a switch forced at every call and loop
 * iteration (every frame saved and resumed).
 */
import { afterEach, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { BUDGET_IDLE, rt } from "../../runtime/protocol.js";
import { compile } from "../../compiler/compile.js";
import { compileChecked, repoRoot } from "./helpers.js";

const outDir = path.join(repoRoot, ".tmp", `selfhost-${process.pid}`);

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

type CompileFn = typeof compile;

async function compiledCompiler(): Promise<CompileFn> {
  for (const file of tsFiles(path.join(repoRoot, "compiler"))) {
    const rel = path.relative(repoRoot, file);
    const { code } = compileChecked(fs.readFileSync(file, "utf8"), { filename: file, root: repoRoot });
    const dest = path.join(outDir, rel.replace(/\.ts$/, ".js"));
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, code);
  }
  const mod = (await import(/* @vite-ignore */ pathToFileURL(path.join(outDir, "compiler/compile.js")).href)) as { compile: CompileFn };
  return mod.compile;
}

const programs = fs
  .readdirSync(path.join(repoRoot, "fixtures/transform/differential"))
  .filter((f) => f.endsWith(".ts"))
  .map((f) => path.join(repoRoot, "fixtures/transform/differential", f));

afterEach(() => {
  rt.forceUnwind = false;
  rt.budget = BUDGET_IDLE;
});

describe("the compiler compiled by itself", () => {
  it("compiles every differential program exactly as the native compiler does", async () => {
    const selfCompile = await compiledCompiler();
    try {
      for (const file of programs) {
        const src = fs.readFileSync(file, "utf8");
        const opts = { filename: file, root: repoRoot, sourceMaps: false };
        expect(selfCompile(src, opts).code, path.basename(file)).toBe(compile(src, opts).code);
      }
      let saves = 0;
      const save = rt.save;
      rt.save = ((...a: Parameters<typeof save>) => {
        saves++;
        return save(...a);
      }) as typeof save;
      rt.forceUnwind = true;
      rt.budget = -1;
      const file = programs.find((f) => f.endsWith("try.ts")) as string;
      const src = fs.readFileSync(file, "utf8");
      const opts = { filename: file, root: repoRoot, sourceMaps: false };
      const forced = selfCompile(src, opts).code;
      rt.forceUnwind = false;
      rt.budget = BUDGET_IDLE;
      rt.save = save;
      expect(forced).toBe(compile(src, opts).code);
      expect(saves, "frames of the compiled compiler were saved and resumed").toBeGreaterThan(10000);
      console.log(`self-hosted compile of try.ts with a switch at every call: ${saves} frames saved`);
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  }, 180_000); // compiles the whole compiler, then runs it with a switch at every call: slow on a loaded 2-core machine
});

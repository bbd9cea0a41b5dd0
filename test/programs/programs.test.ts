// Every fixtures/programs file runs as a user runs it, compiled and in hard mode (every
// frame saved and restored at every call), and must print its .stdout file exactly.
// `ok.*` programs exit 0; `fail.*` exit 1 with the error on stderr. Programs whose name
// contains `.lifo.` also run uncompiled (plain code, hard switches) and must print the same.
import { describe, it, expect } from "vitest";
import { readdirSync, readFileSync, existsSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { runProgram, type Variant } from "../helpers/program.js";

const dir = fileURLToPath(new URL("../../fixtures/programs", import.meta.url));
const programs = readdirSync(dir).filter((f) => /^(ok|fail)\..*\.(ts|js|mts|mjs)$/.test(f));

describe.each(programs)("fixtures/programs/%s", (file) => {
  const path = join(dir, file);
  const expectedPath = path.replace(/\.(ts|js|mts|mjs)$/, ".stdout");
  const fails = file.startsWith("fail.");
  const variants: Variant[] = file.includes(".lifo.") ? ["compiled", "hard", "plain"] : ["compiled", "hard"];

  it.each(variants)("prints its .stdout (%s)", (variant) => {
    const r = runProgram(`fixtures/programs/${file}`, variant);
    if (!existsSync(expectedPath)) {
      if (process.env.CI) throw new Error(`${expectedPath} is missing; run the tests locally to write it, check it by hand, commit it`);
      writeFileSync(expectedPath, r.stdout);
    }
    const expected = readFileSync(expectedPath, "utf8");
    expect(r.stdout, `stderr:\n${r.stderr}`).toBe(expected);
    expect(r.status, r.stderr).toBe(fails ? 1 : 0);
    if (fails) expect(r.stderr).toMatch(new RegExp(`fixtures/programs/${file.replace(/\./g, "\\.")}:\\d+`));
  });
});

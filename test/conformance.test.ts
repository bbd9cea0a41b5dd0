/**
 * Our conformance corpus (test/conformance/*.js, test262 format, our own tests and
 * harness) through scripts/test262.mjs: every test runs natively and compiled (script
 * mode, strict and sloppy variants, fresh child process each), and every test that
 * passes natively must pass compiled, except the ones listed in KNOWN with the reason
 * (areas other work owns). The list is exact: a known failure that starts passing fails
 * this test until it is removed from the list. Needs the build (npm test runs it first).
 */
import { expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "./compiler/helpers.js";

/** file → why it fails compiled (kept in step with docs/test262.md "What remains"). */
const KNOWN: Record<string, string> = {
  "block-function-annex-b.js": "Annex B: a sloppy function's block-level function declaration is not also var-bound in the function: docs/unsupported.md",
};

/**
 * With STACKLESS_HARD=1 (every frame unwinds and resumes at every call and loop
 * iteration; the child processes inherit it), these fail as well: documented limits of
 * resumed frames (docs/unsupported.md).
 */
const KNOWN_HARD: Record<string, string> = {
  "args-mapped-after-call.js": "a resumed sloppy frame's parameters are new variables: the engine's arguments mapping is lost",
  "args-mapped-write-arguments-after-call.js": "same",
  "args-assign-sloppy.js": "same (keepsOld writes through the mapped arguments object after a resume)",
};

it("every corpus test that passes natively passes compiled", () => {
  const out = path.join(repoRoot, ".tmp", "conformance.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const r = spawnSync(process.execPath, [
    // Compiled runs only (half the processes): our tests are written to pass natively, so
    // "every natively passing test passes compiled" is "every test passes compiled"; a
    // test broken natively fails here too. `npm run test262:corpus` runs both.
    "scripts/test262.mjs", "--harness", "test/conformance/harness", "test/conformance", "--out", out, "--quiet", "--jobs", "2", "--compiled-only",
  ], { cwd: repoRoot, encoding: "utf8", timeout: 600_000 });
  expect(r.status, r.stderr).toBe(0);
  const result = JSON.parse(fs.readFileSync(out, "utf8")) as {
    summary: { tests: number; nativePassing: number };
    failures: Array<{ file: string; variant: string; error: string }>;
    nativeFailures: Array<{ file: string; error: string }>;
  };
  expect(result.summary.tests).toBeGreaterThan(100);
  const failing = Object.fromEntries(result.failures.map((f) => [path.basename(f.file), `${f.variant}: ${f.error}`]));
  const known = process.env["STACKLESS_HARD"] === "1" ? { ...KNOWN, ...KNOWN_HARD } : KNOWN;
  expect(Object.keys(failing).sort(), JSON.stringify(failing, null, 1)).toEqual(Object.keys(known).sort());
}, 600_000);

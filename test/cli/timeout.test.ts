// `--timeout N` on run and resume: the scheduler runs under the watchdog after the top
// level (cli/drive.ts). The hogs fixture cannot finish without preemption: the first hog
// spins until the releaser, queued behind both hogs, has run.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, fixture, stackless } from "./helpers.js";

const HOGS = fixture("hogs.ts");
const EXPECTED = "releaser: released the hogs\nhog 1: released after spinning\nhog 2: released after spinning\n";
let dir: string;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), "stackless-timeout-"));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Not in hard mode: STACKLESS_HARD=1 turns the watchdog off, and the hogs never end without it.
describe.skipIf(process.env.STACKLESS_HARD === "1")("--timeout", () => {
  it("run: runaways are interrupted and requeued, so the tasklet behind them gets its turn", () => {
    const r = stackless(["run", "--timeout", "10000", HOGS]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(EXPECTED);
  });

  it("resume: restored runaways are preemptive too", () => {
    const snap = join(dir, "hogs.snap");
    const saved = stackless(["run", HOGS], { env: { SNAPSHOT: snap } });
    expect(saved.stderr).toBe("");
    expect(saved.stdout).toBe("main: snapshot written\n");
    const r = stackless(["resume", "--timeout", "10000", snap]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(EXPECTED);
  });

  it("rejects a timeout that is not a positive whole number, naming it", () => {
    for (const bad of ["0", "-5", "1e3", "ten"]) {
      const r = stackless(["run", "--timeout", bad, HOGS]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`not '${bad}'`);
    }
  });
});

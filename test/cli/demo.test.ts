// `npm start` runs `stackless run fixtures/demo/demo.ts` (after a build): the README's demo.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, root, stackless } from "./helpers.js";

beforeAll(ensureBuilt, 120_000);

describe("npm start", () => {
  it("is the demo driver", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts["start"]).toBe("npm run build --silent && node bin/stackless.js run fixtures/demo/demo.ts");
  });

  it("runs, stops, inspects and resumes the workflow, and exits 0 when 2 + 4 match the whole run", () => {
    const r = stackless(["run", "fixtures/demo/demo.ts"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/── 1\. uninterrupted ─+┬─ 2\. stopped, then 4\. resumed/);
    expect(r.stdout).toContain("main: stopped after 2 results");
    expect(r.stdout).toMatch(/3\. between 2 and 4: \$ stackless inspect .*workflow\.snap/);
    expect(r.stdout).toContain("climb (fixtures/demo/tasks.ts:");
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("OK: 2 + 4 printed the same 7 collector lines as the uninterrupted run 1.");
  });
});

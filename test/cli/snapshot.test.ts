// `stackless resume` and `stackless inspect` on the demo workflow's snapshot, and on
// snapshots that cannot be restored (damaged, code changed, module missing).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, root, stackless, type Result } from "./helpers.js";

const WORKFLOW = "fixtures/demo/workflow.ts";
const TASKS = join(root, "fixtures", "demo", "tasks.ts");
const collector = (out: string): string[] => out.split("\n").filter((l) => l.startsWith("collector:"));

/** The 1-based line of the first line of `file` containing `text`. */
function lineOf(file: string, text: string): number {
  const index = readFileSync(file, "utf8").split("\n").findIndex((l) => l.includes(text));
  if (index < 0) throw new Error(`'${text}' not in ${file}`);
  return index + 1;
}

let dir: string;
let snap: string;
let whole: Result;
let stopped: Result;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), "stackless-snapshot-"));
  snap = join(dir, "workflow.snap");
  whole = stackless(["run", WORKFLOW]);
  stopped = stackless(["run", WORKFLOW], { env: { STOP_AFTER: "2", SNAPSHOT: snap } });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("stackless resume", () => {
  it("continues a stopped workflow in a new process: 2 + resume print what the whole run prints", () => {
    expect(whole.status).toBe(0);
    expect(stopped.status).toBe(0);
    expect(collector(stopped.stdout)).toHaveLength(2);
    const r = stackless(["resume", snap]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect([...collector(stopped.stdout), ...collector(r.stdout)]).toEqual(collector(whole.stdout));
    expect(r.stdout).toContain("producer: all jobs handed out");
  });

  it("resolves module ids against --root from another directory", () => {
    const r = stackless(["resume", "--root", root, snap], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(collector(r.stdout)).toEqual(collector(whole.stdout).slice(2));
  });

  it("says which module is missing when run outside the project", () => {
    const r = stackless(["resume", snap], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("the snapshot needs module 'fixtures/demo/tasks.ts'");
    expect(r.stderr).toContain("--root DIR");
  });

  it("exits 1 with a clear message on a truncated snapshot, running nothing", () => {
    const bad = join(dir, "truncated.snap");
    writeFileSync(bad, readFileSync(snap).subarray(0, 400));
    const r = stackless(["resume", bad]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^stackless resume: .*truncated\.snap is not a usable snapshot: .*\nThe file is damaged/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });

  it("exits 1 on a file that is not a snapshot at all", () => {
    const bad = join(dir, "notes.txt");
    writeFileSync(bad, "shopping list\n");
    const r = stackless(["resume", bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("not a stackless-ts snapshot");
  });

  it("exits 1 on a pickle() of some other value, saying so", () => {
    const other = join(dir, "value.bin");
    // The header and an empty map: a valid pickle of {}.
    writeFileSync(other, Buffer.from([0xd6, 0x01, 0x53, 0x4c, 0x50, readFileSync(snap)[5] ?? 1, 0x80]));
    for (const command of ["resume", "inspect"]) {
      const r = stackless([command, other]);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(`stackless ${command}: ${other} holds a pickled value, not a snapshot() of a program's tasklets\n`);
    }
  });

  it("exits 2 naming a missing SNAPSHOT, with a usage line", () => {
    const r = stackless(["resume", join(dir, "nope.snap")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("cannot find snapshot");
    expect(r.stderr).toContain("usage: stackless resume");
    expect(stackless(["resume"]).stderr).toContain("missing SNAPSHOT");
  });
});

describe("stackless resume of code that changed", () => {
  let project: string;
  beforeAll(() => {
    project = join(dir, "project");
    mkdirSync(project);
    writeFileSync(join(project, "package.json"), '{ "name": "changed", "type": "module" }\n');
    cpSync(join(root, "fixtures", "demo"), project, { recursive: true });
  });

  it("names the function and file, and says what to do", () => {
    const s = join(project, "w.snap");
    expect(stackless(["run", "workflow.ts"], { cwd: project, env: { STOP_AFTER: "1", SNAPSHOT: s } }).status).toBe(0);
    const tasks = join(project, "tasks.ts");
    writeFileSync(tasks, readFileSync(tasks, "utf8").replace("if (depth === 0) return acc;", "if (depth <= 0) return acc;"));
    const r = stackless(["resume", s], { cwd: project });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("function climb (tasks.ts) changed since the snapshot was taken");
    expect(r.stderr).toContain("resumes only with the code it was taken with");
  });
});

describe("stackless inspect", () => {
  let text: Result;
  beforeAll(() => {
    text = stackless(["inspect", snap]);
  });

  it("lists every tasklet with its state, without running any", () => {
    expect(text.stderr).toBe("");
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^snapshot .*workflow\.snap: format version 1, \d+ bytes, 4 tasklets \(3 runnable, 1 blocked\)\n/);
    expect(text.stdout.match(/^tasklet \d+: (runnable|blocked), restorable, \d+ frames?$/gm)).toHaveLength(4);
    expect(text.stdout).not.toContain("collector: job 2"); // nothing ran
  });

  it("shows frames top first at their original line and column, with the source line and the locals", () => {
    const climb = lineOf(TASKS, "  schedule();");
    expect(text.stdout).toContain(`  climb (fixtures/demo/tasks.ts:${climb}:3)\n    > schedule();\n      depth = `);
    const send = lineOf(TASKS, "jobs.send(");
    expect(text.stdout).toContain(`  producer (fixtures/demo/tasks.ts:${send}:5)\n    > jobs.send({ id, depth: 500 + 250 * id });\n      count = 6\n      id = 3\n`);
    expect(text.stdout).toMatch(/ {6}r = \{ id: 1, worker: "w2", value: 281625 \}/);
    // 250 recursive frames of climb are summed up, not listed
    expect(text.stdout).toMatch(/\[the frame above repeats \d+ more times, with other locals; --all shows every frame\]/);
  });

  it("says which channel a blocked tasklet waits on, its direction and balance", () => {
    expect(text.stdout).toContain("  waits: sending { id: 3, depth: 1250 } on channel 1 (jobs in fixtures/demo/tasks.ts), balance 1\n");
  });

  it("--json gives every frame, with 1-based columns", () => {
    const r = stackless(["inspect", "--json", snap]);
    expect(r.status).toBe(0);
    const data = JSON.parse(r.stdout) as {
      formatVersion: number;
      tasklets: { state: string; waitsOn: { direction?: string; balance?: number; name?: string } | null; frames: { function: string; line: number; column: number; locals: Record<string, string> }[] }[];
    };
    expect(data.formatVersion).toBe(1);
    expect(data.tasklets.map((t) => t.state).sort()).toEqual(["blocked", "runnable", "runnable", "runnable"]);
    const deep = data.tasklets.find((t) => t.frames.length > 100)!;
    expect(deep.frames[0]).toMatchObject({ function: "climb", line: lineOf(TASKS, "  schedule();"), column: 3 });
    expect(deep.frames.at(-1)?.function).toBe("worker");
    expect(deep.frames.at(-1)?.locals["name"]).toBe('"w1"');
    const blocked = data.tasklets.find((t) => t.state === "blocked")!;
    expect(blocked.waitsOn).toMatchObject({ direction: "send", balance: 1, name: "jobs" });
  });

  it("exits 1 with the same clear message as resume on a damaged snapshot", () => {
    const bad = join(dir, "flipped.snap");
    const bytes = Buffer.from(readFileSync(snap));
    bytes[80] = 0xc1; // a byte MessagePack never uses
    writeFileSync(bad, bytes);
    const r = stackless(["inspect", bad]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^stackless inspect: .*flipped\.snap is not a usable snapshot: /);
  });
});

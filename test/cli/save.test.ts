// `stackless run --save PATH` (and `resume --save`): a signal stops the program at its
// next switch point, even in a loop with no call in it, and pickles its tasklets; the
// tasklets still waiting when the scheduler ends are saved too.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, fixture, stackless, startStackless } from "./helpers.js";

// Hard mode unwinds at every tick inside the protocol and never reaches the tick hook
// that stops the program; it tests the runtime, not the CLI.
const env = { STACKLESS_HARD: "" };

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), "stackless-save-"));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("stackless run --save, on a signal", () => {
  for (const [signal, status] of [
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const) {
    it(`${signal} during a loop without calls writes a snapshot (exit ${status}) that resumes and finishes`, async () => {
      const snap = join(dir, `spin-${signal}.snap`);
      const p = startStackless(["run", "--save", snap, fixture("spin.ts")], { env });
      await p.waitFor("spin: spinning\n");
      process.kill(p.pid, signal);
      const r = await p.done;
      expect(r.stdout).toBe("spin: spinning\n");
      expect(r.stderr).toBe(
        `stackless: ${signal}: stopped at a switch point; 2 tasklets saved to ${snap} (${r.stderr.match(/\((\d+) bytes\)/)?.[1]} bytes). Continue with: stackless resume ${snap}\n`,
      );
      expect(r.status).toBe(status);

      // The spinning tasklet was stopped in its loop, with its count.
      const shown = stackless(["inspect", snap], { env });
      expect(shown.stdout).toMatch(/tasklet \d+: runnable, restorable, 1 frame\n {2}spin \(fixtures\/cli\/spin-tasks\.ts:\d+:3\)\n {4}> while \(!control\.stop\) \{\n {6}label = "spin"\n {6}n = \d+\n/);
      expect(shown.stdout).toMatch(/waits: receiving on channel \d+ \(done in fixtures\/cli\/spin-tasks\.ts\), balance -1/);

      const resumed = stackless(["resume", snap], { env: { ...env, SPIN_STOP: "1" } });
      expect(resumed.stderr).toBe("");
      expect(resumed.stdout).toBe("waiter: spin stopped after more than 1000 iterations\n");
      expect(resumed.status).toBe(0);
    });
  }

  it("waits for a tasklet's promise to settle (it cannot be pickled meanwhile), then stops at its next switch point", async () => {
    const snap = join(dir, "awaits.snap");
    const p = startStackless(["run", "--save", snap, fixture("awaits.ts")], { env });
    await p.waitFor("fetcher: waiting\n");
    process.kill(p.pid, "SIGTERM");
    const r = await p.done;
    expect(r.stderr).toContain("stackless: SIGTERM: stopped at a switch point; 1 tasklet saved to");
    expect(r.status).toBe(143);
    const resumed = stackless(["resume", snap], { env: { ...env, SPIN_STOP: "1" } });
    expect(resumed.stdout).toBe("fetcher: got data\n");
    expect(resumed.status).toBe(0);
  });

  it("a second signal quits without a snapshot when no switch point comes", async () => {
    const snap = join(dir, "stuck.snap");
    const p = startStackless(["run", "--save", snap, fixture("stuck.ts")], { env });
    await p.waitFor("stuck: spinning in plain code\n");
    process.kill(p.pid, "SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.kill(p.pid, "SIGTERM");
    const r = await p.done;
    expect(r.status).toBe(143);
    expect(r.stderr).toContain("stackless: SIGTERM: stopped without a snapshot");
    expect(existsSync(snap)).toBe(false);
  });
});

describe("stackless run --save, when the scheduler ends", () => {
  it("saves the tasklets still waiting (exit 0); resume --save continues them and saves them again", () => {
    const first = join(dir, "waits-1.snap");
    const second = join(dir, "waits-2.snap");
    const r = stackless(["run", "--save", first, fixture("waits.ts")], { env });
    expect(r.stdout).toBe("top level done\n");
    expect(r.stderr).toMatch(/^stackless: the scheduler ran out of runnable tasklets; 1 tasklet still waiting \(tasklet \d+ receiving on channel \d+\) saved to .*waits-1\.snap \(\d+ bytes\)\./);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain("note:");

    const again = stackless(["resume", "--save", second, first], { env: { ...env, INBOX: "ada,bob" } });
    expect(again.stdout).toBe("hello, ada (1)\nhello, bob (2)\n");
    expect(again.stderr).toContain("1 tasklet still waiting");
    expect(again.status).toBe(0);

    const last = stackless(["resume", second], { env: { ...env, INBOX: "cy" } });
    expect(last.stdout).toBe("hello, cy (3)\n");
    expect(last.stderr).toBe("");
    expect(last.status).toBe(0);
  });

  it("saves a tasklet paused inside a generator's body; resume continues the generator where it stood", () => {
    const first = join(dir, "gen-1.snap");
    const second = join(dir, "gen-2.snap");
    const r = stackless(["run", "--save", first, fixture("generator.ts")], { env });
    expect(r.stdout).toBe("top level done\n");
    expect(r.stderr).toMatch(/1 tasklet still waiting \(tasklet \d+ receiving on channel \d+\) saved to .*gen-1\.snap/);
    expect(r.status).toBe(0);

    const shown = stackless(["inspect", first], { env });
    expect(shown.stdout).toMatch(/lines \(fixtures\/cli\/generator-tasks\.ts:\d+:\d+\)/);

    const again = stackless(["resume", "--save", second, first], { env: { ...env, INBOX: "ada,bob" } });
    expect(again.stdout).toBe("#1: ada\n#2: bob\n");
    expect(again.stderr).toContain("1 tasklet still waiting");
    expect(again.status).toBe(0);

    const last = stackless(["resume", second], { env: { ...env, INBOX: "cy,end" } });
    expect(last.stdout).toBe("#3: cy\nlines closed after 3\nreader done\n");
    expect(last.stderr).toBe("");
    expect(last.status).toBe(0);
  });

  it("saves a tasklet paused inside a generator method's body (super, default parameters); resume continues it", () => {
    const first = join(dir, "genm-1.snap");
    const second = join(dir, "genm-2.snap");
    const r = stackless(["run", "--save", first, fixture("generator-method.ts")], { env });
    expect(r.stdout).toBe("top level done\n");
    expect(r.stderr).toMatch(/1 tasklet still waiting \(tasklet \d+ receiving on channel \d+\) saved to .*genm-1\.snap/);
    expect(r.status).toBe(0);

    const shown = stackless(["inspect", first], { env });
    expect(shown.stdout).toMatch(/Lines\.read \(fixtures\/cli\/generator-tasks\.ts:\d+:\d+\)/);

    const again = stackless(["resume", "--save", second, first], { env: { ...env, INBOX: "ada,bob" } });
    expect(again.stdout).toBe("@1: ada\n@2: bob\n");
    expect(again.stderr).toContain("1 tasklet still waiting");
    expect(again.status).toBe(0);

    const last = stackless(["resume", second], { env: { ...env, INBOX: "cy,end" } });
    expect(last.stdout).toBe("@3: cy\nmethod lines closed after 3\nmethod reader done\n");
    expect(last.stderr).toBe("");
    expect(last.status).toBe(0);
  });

  it("warns when the saved tasklets run code of the main module, which resume would run again", () => {
    const file = join(dir, "inline.ts");
    writeFileSync(file, 'import { Channel, Tasklet } from "stackless-ts";\nconst inbox = new Channel<string>();\nfunction greeter(): void {\n  console.log(inbox.receive());\n}\nnew Tasklet(greeter).setup();\n');
    const r = stackless(["run", "--save", join(dir, "inline.snap"), file], { env });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("stackless: note: the snapshot holds tasklet code of inline.ts, the program's main module");
  });

  it("writes nothing when every tasklet finished, and keeps the program's exit status", () => {
    const snap = join(dir, "none.snap");
    const r = stackless(["run", "--save", snap, fixture("tasklets.ts")], { env });
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("total 6");
    expect(r.status).toBe(0);
    expect(existsSync(snap)).toBe(false);
    const failing = stackless(["run", "--save", snap, fixture("tasklet-throws.ts")], { env });
    expect(failing.status).toBe(1);
    expect(failing.stderr).toContain("TypeError: cannot finish report");
  });

  it("exits 2 when --save has no value or names a missing folder", () => {
    const r = stackless(["run", "--save"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--save needs a value");
    const nowhere = stackless(["run", "--save", join(dir, "no", "such", "folder.snap"), fixture("tasklets.ts")]);
    expect(nowhere.status).toBe(2);
    expect(nowhere.stderr).toContain("does not exist");
    expect(nowhere.stdout).toBe(""); // checked before the program runs
  });
});

// Damaged snapshots of real running tasklets: every truncation and thousands of seeded
// random mutations must either restore or throw UnpickleError / CodeChangedError, never
// another error, and a failed restore must leave the scheduler exactly as it was.
import { describe, it, expect, beforeAll } from "vitest";
import { Tasklet, run, schedule, snapshot, restoreSnapshot, UnpickleError, CodeChangedError, getRunCount } from "stackless-ts";
import { liveTasklets } from "../../runtime/scheduler.js";
import { loadTaskletModule } from "../helpers/compiled.js";

let bytes: Uint8Array;
let m: Record<string, any>;

beforeAll(async () => {
  m = await loadTaskletModule(
    "hostile-snapshots",
    `
import { Channel, schedule } from "stackless-ts";
export const inbox = new Channel<string>();
export function deep(n: number, acc: string[]): number {
  if (n === 0) { acc.push(inbox.receive()); return 0; }
  const local = { n, tag: "level" + n, list: [n, n * 2], when: new Date(0) };
  return deep(n - 1, acc) + local.n;
}
export function spinner(k: number): void {
  const seen = new Map<number, string>();
  for (let i = 0; i < k; i++) { seen.set(i, "x" + i); schedule(); }
}
`,
  );
  new Tasklet(m.deep).setup(8, []);
  new Tasklet(m.spinner).setup(3);
  schedule();
  bytes = snapshot();
  for (const t of [...liveTasklets]) t.kill();
  run();
});

function state(): string {
  return JSON.stringify([getRunCount(), liveTasklets.size, m.inbox.balance]);
}

function tryRestore(b: Uint8Array): "ok" | "refused" {
  try {
    const ts = restoreSnapshot(b);
    for (const t of ts) t.kill();
    run();
    return "ok";
  } catch (e) {
    if (e instanceof UnpickleError || e instanceof CodeChangedError) return "refused";
    throw e;
  }
}

describe("hostile snapshots of running tasklets", () => {
  it("the intact snapshot restores", () => {
    expect(tryRestore(bytes)).toBe("ok");
  });

  it("every truncation is refused and changes nothing", () => {
    const before = state();
    for (let n = 0; n < bytes.length; n++) {
      expect(tryRestore(bytes.subarray(0, n)), `truncated to ${n} bytes`).toBe("refused");
      expect(state(), `after truncation to ${n}`).toBe(before);
    }
  });

  it("random mutations restore or are refused, never anything else, and a refusal changes nothing", () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const before = state();
    let refused = 0;
    for (let i = 0; i < 3000; i++) {
      const b = bytes.slice();
      const edits = 1 + Math.floor(rand() * 4);
      for (let e = 0; e < edits; e++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
      if (tryRestore(b) === "refused") {
        refused++;
        expect(state(), `mutation ${i}`).toBe(before);
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});

/**
 * Which locals a saved frame carries (emitter fillSlots): every parameter and `var`,
 * every let/const whose block encloses the resume point (dead or not: a debugger shows
 * them), and no let/const of a block the code has left. In a hot copy's tick (a watchdog
 * interrupting a call-free loop, hot-copy.ts) a dead let/const is dropped even in scope,
 * as optimised code shows "optimized out". A frame resumed after either still computes
 * what the native program computes.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Tasklet, run, getMain } from "stackless-ts";
import { loadTaskletModule } from "../helpers/compiled.js";

const SOURCE = `
import { schedule } from "stackless-ts";
export function blocks(log) {
  var kept = "var";
  let seen = 0;
  for (let i = 0; i < 3; i++) { const sq = i * i; seen += sq; }
  { const gone = "block"; log.push(gone); }
  const done = "yes";
  schedule();
  log.push(seen);
}
export function spin(log) {
  const before = "dead in scope";
  let k = 0;
  for (;;) { const tmp = k + 1; k = tmp; if (k === 2_000_000) break; }
  log.push(k);
}
`;

afterEach(() => {
  run(); // leaves nothing queued for the next test
});

describe("locals in a saved frame", () => {
  it("keeps every local in scope, dead or not, and drops the let/const of blocks it left", async () => {
    const m = await loadTaskletModule("frame-locals", SOURCE);
    const log: unknown[] = [];
    const t = new Tasklet(m.blocks).setup(log);
    t.run(); // runs up to its schedule() and comes back to main
    expect(t.restorable).toBe(true);
    const locals = t.frame?.locals as Record<string, unknown>;
    expect(locals.kept).toBe("var");
    expect(locals.seen).toBe(5);
    expect(locals.done).toBe("yes"); // dead after the switch, but in scope
    expect(locals.i).toBeUndefined(); // the loop's block was left
    expect(locals.sq).toBeUndefined();
    expect(locals.gone).toBeUndefined();
    run();
    expect(log).toEqual(["block", 5]);
  });

  it.skipIf(process.env.STACKLESS_HARD === "1")("drops a dead let/const at a watchdog tick in a call-free loop, and the loop still ends right", async () => {
    const m = await loadTaskletModule("frame-locals-hot", SOURCE);
    const log: unknown[] = [];
    const t = new Tasklet(m.spin).setup(log);
    expect(run(10_000)).toBe(t);
    const locals = t.frame?.locals as Record<string, unknown>;
    expect(typeof locals.k).toBe("number");
    expect(locals.k as number).toBeGreaterThan(0);
    expect(locals.before).toBeUndefined(); // dead: optimised out in the hot loop
    t.insert();
    run();
    expect(log).toEqual([2_000_000]);
    expect(getMain().alive).toBe(true);
  });
});

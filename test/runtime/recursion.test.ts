// Recursion in tasklet code is bounded by the heap, and still bounded: past rt.maxFrames
// records the deepest call throws RangeError, as native recursion does past the stack.
import { it, expect } from "vitest";
import { Tasklet, run } from "stackless-ts";
import { rt } from "../../runtime/protocol.js";
import { loadTaskletModule } from "../helpers/compiled.js";
// Not in hard mode: the RangeError is raised where an overflow record (pc 0, a frame about
// to start) would push a stack past rt.maxFrames; hard mode unwinds every frame at its
// entry tick first, so no overflow record is ever made and the recursion only ends when
// the heap does.
it.skipIf(process.env.STACKLESS_HARD === "1")("unbounded recursion in tasklet code throws RangeError past rt.maxFrames, catchable, and the tasklet goes on", async () => {
  const m = await loadTaskletModule("recursion-limit", `
    export const out: string[] = [];
    function down(n: number): number { return down(n + 1) + 1; }
    export function probe(): void {
      try { down(0); } catch (e) { out.push((e as Error).name + ": " + (e as Error).message.slice(0, 32)); }
      out.push("after");
    }`);
  const saved = rt.maxFrames;
  rt.maxFrames = 20_000;
  try {
    new Tasklet(m.probe).setup();
    run();
  } finally {
    rt.maxFrames = saved;
  }
  expect(m.out).toEqual(["RangeError: Maximum call stack size exceeded", "after"]);
});

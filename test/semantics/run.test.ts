// stackless.run() and the runnables queue (13-15).
import { describe, it, expect } from "vitest";
import { Tasklet, run, schedule, getRunCount } from "stackless-ts";
import { call, plain, softTasklet } from "./helpers/script.js";

describe("run()", () => {
  // Regression: this used to fail (found by the semantics port; fixed in the runtime).
  it("run(0) runs without a watchdog, like run()", () => {
    const log: string[] = [];
    new Tasklet(() => log.push("a")).setup();
    try {
      expect(run(0)).toBeNull();
    } finally {
      run();
    }
    expect(log).toEqual(["a"]);
  });

  it("insert() appends at the end of the queue; remove() + insert() moves a tasklet last", () => {
    const log: string[] = [];
    const a = new Tasklet(() => log.push("a")).setup();
    new Tasklet(() => log.push("b")).setup();
    a.remove();
    a.insert();
    run();
    expect(log).toEqual(["b", "a"]);
  });

  it("schedule() round-robins soft tasklets and main in queue order", () => {
    const log: string[] = [];
    softTasklet([plain(() => log.push("a1")), call(schedule), plain(() => log.push("a2"))]);
    softTasklet([plain(() => log.push("b1")), call(schedule), plain(() => log.push("b2"))]);
    log.push("m1");
    schedule();
    log.push("m2");
    run();
    expect(log).toEqual(["m1", "a1", "b1", "m2", "a2", "b2"]);
    expect(getRunCount()).toBe(1);
  });
});

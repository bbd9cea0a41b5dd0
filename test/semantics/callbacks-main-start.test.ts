// Stackless 3.7 calls the schedule callback with (None, main) when the main tasklet
// starts (initialize_main_and_current: NOTIFY_SCHEDULE(NULL, main)). stackless-ts
// creates main lazily, on first use, so this file must be the first to touch the
// runtime in its module instance (vitest isolates test files).
import { it, expect } from "vitest";
import { Tasklet, run, getMain, setScheduleCallback, type Tasklet as T } from "stackless-ts";

// Regression: this used to fail (found by the semantics port; fixed in the runtime).
it("the callback set before main exists sees (null, main) when main starts", () => {
  const log: [T | null, T | null][] = [];
  setScheduleCallback((from, to) => log.push([from, to]));
  try {
    new Tasklet(() => {}).setup();
    run();
  } finally {
    setScheduleCallback(null);
  }
  expect(log[0]).toEqual([null, getMain()]);
});

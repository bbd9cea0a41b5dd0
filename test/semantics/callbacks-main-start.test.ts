// Stackless 3.7 calls the schedule callback with (None, main) when the main tasklet
// starts (initialize_main_and_current: NOTIFY_SCHEDULE(NULL, main)). stackless-ts
// creates main lazily, on first use, so this file must be the first to touch the
// runtime in its module instance (vitest isolates test files).
import { it, expect } from "vitest";
import { Tasklet, run, getMain, setScheduleCallback, type Tasklet as T } from "stackless-ts";

// BUG (runtime/scheduler.ts, mainTasklet()): creating main fires no schedule callback;
// Stackless passes (from = None, to = main) when main starts.
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

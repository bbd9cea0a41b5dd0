// STACKLESS-SEMANTICS.md points not covered yet. The watchdog (17-20) and pickling
// (21-23) points are covered by test/stackless-port (Stackless's own test_watchdog and
// test_pickle, compiled), test/runtime/watchdog.test.ts and test/pickle/tasklets.test.ts.
import { describe, it } from "vitest";

describe("waiting for threads (worker_threads)", () => {
  it.todo("each thread has its own main and run queue; switch() to another thread's tasklet is RuntimeError('different thread')");
  it.todo("bindThread() to another thread (today a clear RuntimeError: tasklets move between threads by pickling)");
  it.todo("14: get_thread_info(tid) returns (main, current, runcount) (no TypeScript counterpart in API.md yet)");
});

describe("not applicable to JavaScript", () => {
  it.todo("16: plain tasklet instances have no __dict__ (t.name = … is AttributeError): JavaScript objects are extensible; subclass to add attributes, as in Stackless");
});

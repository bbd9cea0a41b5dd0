// STACKLESS-SEMANTICS.md points that the plain-code and hand-compiled tests of this
// folder cannot reach yet. Each names what it waits for.
import { describe, it } from "vitest";

describe("waiting for compile() (compiled loops count instructions)", () => {
  it.todo("17: run(timeout) counts the compiler's instructions; a loop iteration and a call are charged at least once (exact counts of compiled fixtures)");
  it.todo("18: the time slice resets at every switch unless totaltimeout; the interrupted tasklet is removed and returned, and runs on after insert()");
  it.todo("19: soft=true never interrupts a pure CPU loop; atomic and nestingLevel > 0 (without ignoreNesting) defer a hard interrupt until the next switch");
  it.todo("20: only the outermost run(timeout) is effective; nested run(timeout) calls behave as without a timeout");
  it.todo("_nr forms soft-switching from compiled code (compile() of a source calling PyChannel_Receive_nr etc.), not only hand-compiled");
  it.todo("two tasklets ping-ponging through a channel with plain-looking source (compiled: soft both ways)");
});

describe("waiting for pickling", () => {
  it.todo("21: pickling the current tasklet is a RuntimeError; an unpickled tasklet comes back paused (restorable) unless blocked on a channel pickled with it");
  it.todo("21: pickling one tasklet blocked on a shared channel brings the whole wait queue (balance -100 for 100 waiters)");
  it.todo("22: a tasklet with nestingLevel > 0 is not restorable and cannot be resumed after unpickling");
  it.todo("23: a snapshot whose functions changed is refused (CodeChangedError)");
});

describe("waiting for threads (worker_threads)", () => {
  it.todo("each thread has its own main and run queue; switch() to another thread's tasklet is RuntimeError('different thread')");
  it.todo("bindThread() on a runnable tasklet is RuntimeError('runnable'); a tasklet of a dead thread has alive=false and threadId=-1");
  it.todo("14: get_thread_info(tid) returns (main, current, runcount) (no TypeScript counterpart in API.md yet)");
});

describe("not applicable to JavaScript", () => {
  it.todo("16: plain tasklet instances have no __dict__ (t.name = … is AttributeError): JavaScript objects are extensible; subclass to add attributes, as in Stackless");
});

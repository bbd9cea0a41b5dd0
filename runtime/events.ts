/**
 * Tasklets and the Node event loop (Stackless's Py_WATCHDOG_THREADBLOCK, in Node terms):
 * sleep(ms), wait(promise), runAsync(), and Channel.sendAsync/receiveAsync for plain code.
 *
 * Invariants
 * - A sleeping tasklet is in `timers` (a binary heap by deadline) and nowhere else;
 *   its `wait.until` is a wall-clock time, so a restored sleeper wakes at the original
 *   deadline.
 * - A tasklet waiting on a promise counts in `promiseWaits` until the promise settles
 *   or the wait is cancelled (kill/throw); a settled promise whose wait was cancelled
 *   is ignored (each wait's own `live` flag).
 * - When no tasklet is runnable but some wait on timers or promises, a runAsync()
 *   awaits the event loop; a synchronous loop (main blocked in plain code) can only
 *   wait for timers, with Atomics.wait, which blocks the thread.
 */
import { rt, isCompiled } from "./protocol.js";
import { sched, current, ringInsert, ringRemove, suspend, Bomb, idle, runScheduler } from "./scheduler.js";
import { Tasklet, type ExternalWait } from "./tasklet.js";
import { Channel } from "./channel.js";
import { run, mainRuns, mainWatchdog, type RunOptions } from "./api.js";
import { wd, arm, disarm, takeInterrupted } from "./watchdog.js";
import { RuntimeError, TaskletExit } from "./errors.js";
import { State } from "./state.js";
import { registerPickler } from "./pickle/index.js";
import { listOf } from "./lists.js";

// --- timers ------------------------------------------------------------------------

interface Sleeper {
  t: Tasklet;
  until: number;
  /** false once woken or cancelled (lazy deletion from the heap) */
  live: boolean;
}

const timers: Sleeper[] = [];
let promiseWaits = 0;

function heapPush(s: Sleeper): void {
  timers.push(s);
  let i = timers.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (timers[p]!.until <= s.until) break;
    timers[i] = timers[p]!;
    i = p;
  }
  timers[i] = s;
}

function heapPop(): Sleeper | undefined {
  const top = timers[0];
  const last = timers.pop();
  if (timers.length > 0 && last !== undefined) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= timers.length) break;
      const r = l + 1;
      const c = r < timers.length && timers[r]!.until < timers[l]!.until ? r : l;
      if (timers[c]!.until >= last.until) break;
      timers[i] = timers[c]!;
      i = c;
    }
    timers[i] = last;
  }
  return top;
}

/** Deadline of the earliest live sleeper, or Infinity. */
function nextDeadline(): number {
  while (timers.length > 0 && !timers[0]!.live) heapPop();
  return timers.length > 0 ? timers[0]!.until : Infinity;
}

/** Makes every sleeper whose deadline passed runnable. Returns how many woke. */
export function wakeDueSleepers(now = Date.now()): number {
  let n = 0;
  while (nextDeadline() <= now) {
    const s = heapPop()!;
    s.live = false;
    s.t.externalWait = null;
    s.t.tempval = undefined;
    if (s.t.rnext === null) ringInsert(s.t);
    n++;
  }
  return n;
}

/** True iff tasklets wait on something outside the scheduler (timers, promises). */
export function hasExternalWaits(): boolean {
  return nextDeadline() !== Infinity || promiseWaits > 0;
}

/**
 * Registers `t` as sleeping until `until` (wall clock). Used by sleep() and by restore,
 * so that a restored sleeper wakes at its original deadline.
 */
export function addSleeper(t: Tasklet, until: number): void {
  const s: Sleeper = { t, until, live: true };
  t.externalWait = {
    reason: "sleep",
    until,
    describe: () => `sleep until ${new Date(until).toISOString()}`,
    cancel: () => {
      s.live = false;
    },
  };
  heapPush(s);
  kick();
}

/** Blocks the current tasklet for `ms` milliseconds (a restorable wait). */
export function sleep(ms: number): void {
  if (typeof ms !== "number" || Number.isNaN(ms)) throw new TypeError(`sleep(ms): ms must be a number, got ${typeof ms}`);
  const cur = current();
  ringRemove(cur);
  addSleeper(cur, Date.now() + Math.max(0, ms));
  return suspend(cur, sleep) as void;
}

/**
 * Blocks the current tasklet until `promise` settles: returns its value or throws its
 * rejection. The tasklet is not restorable meanwhile (a promise cannot be pickled).
 */
export function wait<T>(promise: PromiseLike<T> | T): T {
  return waitOn(promise, false, wait) as T;
}

/**
 * `rt.wait`, a compiled `await x` (frame-protocol.md "Async functions"): as wait(), but
 * in a tasklet started by rt.spawn (jsOrdered), with native ordering: the tasklet resumes inside the
 * promise reaction job itself, as a native async function does (see settleAwait), and
 * after an inline `await f()` of a compiled async function (rt.done), it waits on a new
 * promise resolved with f's result, as natively the await waits on f's own promise: one
 * microtask turn for a value, three for a thenable.
 */
function awaitValue(value: unknown): unknown {
  const inline = inlineDone;
  const failed = inlineFailed;
  inlineDone = false;
  inlineFailed = null;
  const p = failed !== null ? Promise.reject(failed.error) : inline ? new Promise((resolve) => resolve(value)) : value;
  return waitOn(p, true, awaitValue);
}

/** Set by rt.failed for the rt.wait that follows it at the same await. */
let inlineFailed: { error: unknown } | null = null;

const AsyncFunctionPrototype = Object.getPrototypeOf(async function () {}) as object;

/**
 * `rt.failed`: `await f()` where f threw. A compiled async f ran inline (as an async
 * function it cannot throw at its caller): in a jsOrdered tasklet the await waits on a
 * rejected promise (natively f's own), so the error is thrown a microtask turn later.
 * Anything else is rethrown at once, as natively (a plain function throwing before it
 * returns a promise).
 */
function awaitFailed(fn: unknown, error: unknown): unknown {
  if (!jsOrdered.has(current()) || !isCompiled(fn) || Object.getPrototypeOf(fn) !== AsyncFunctionPrototype) throw error;
  rt.returned = rt.NOBODY;
  inlineFailed = { error };
  return undefined;
}

/** Set by rt.done for the rt.wait that follows it at the same await. */
let inlineDone = false;

const promiseThen = Promise.prototype.then;

/**
 * `rt.done`: right after `await f()` called f. True iff f was a compiled async function
 * that ran inline and returned a value that is not a thenable, and the await takes it at
 * once: in tasklets that are not jsOrdered. In a jsOrdered one it is false, and the
 * await waits (awaitValue) as a native one would.
 */
function awaitDone(fn: unknown, value: unknown): boolean {
  const inline = rt.returned === fn;
  rt.returned = rt.NOBODY;
  if (!inline) return false;
  if (!jsOrdered.has(current())) return !isThenable(value);
  inlineDone = true;
  return false;
}

/**
 * Tasklets started by rt.spawn: a compiled async function called the JavaScript way
 * (from plain code, or without `await`), whose awaits keep native ordering (awaitDone,
 * settleAwait). A tasklet made with `new Tasklet(asyncFn)` is tasklet code: there an
 * inline `await f()` completes at once, and an await resumes when the scheduler runs it.
 */
const jsOrdered = new WeakSet<Tasklet>();

function isThenable(v: unknown): boolean {
  if ((typeof v !== "object" || v === null) && typeof v !== "function") return false;
  return typeof (v as { then?: unknown }).then === "function";
}

function waitOn(promise: unknown, fromAwait: boolean, primitive: unknown): unknown {
  const cur = current();
  let live = true;
  ringRemove(cur);
  // A tasklet awaiting its own runAsync() (nestedRun) is not an external wait: the driver
  // resolves it once nothing else is runnable or awaited.
  const counted = !(nestedRuns.length > 0 && nestedPromises.has(promise as object));
  if (counted) promiseWaits++;
  cur.externalWait = {
    reason: "promise",
    until: Infinity,
    describe: () => (counted ? "a promise" : "its own runAsync()"),
    cancel: () => {
      if (live && counted) promiseWaits--;
      live = false;
    },
  };
  const settle = (v: unknown, threw: boolean) => {
    if (!live || cur.externalWait === null || cur.frameState === State.Dead) return;
    live = false;
    if (counted) promiseWaits--;
    cur.externalWait = null;
    cur.tempval = threw ? new Bomb(v) : v;
    ringInsert(cur);
    if (fromAwait && jsOrdered.has(cur) && sched.levels.length === 0 && sched.watchdogs.length === 0 && watchdogInForce() === null) settleAwait(cur);
    else kick();
  };
  // Promise.prototype.then as loaded: like a native await, a `then` patched onto the
  // promise is not called.
  promiseThen.call(
    Promise.resolve(promise),
    (v: unknown) => settle(v, false),
    (e: unknown) => settle(e, true),
  );
  return suspend(cur, primitive);
}

const hasTimeout = (timeout: number | undefined): timeout is number => typeof timeout === "number" && timeout > 0;

/**
 * The watchdog of a watchdog loop the program runs, which may be awaiting between two
 * slices: main's (its latest run() or runAsync() had a timeout: api.ts mainWatchdog), or
 * a tasklet's runAsync(timeout) (nestedWatchdog). A tasklet resumed from a reaction job
 * (settleAwait) would then run with no watchdog, and a runaway after its await would
 * freeze the process: it waits for the driver instead, which runs it under that watchdog
 * (the order of its code after the await against native promise jobs is then not
 * native's).
 */
function watchdogInForce(): { timeout: number | undefined; options: RunOptions | number } | null {
  if (hasTimeout(mainWatchdog.timeout)) return mainWatchdog;
  return nestedWatchdog();
}

/**
 * A compiled await's promise settled, in its reaction job, with no scheduler loop on the
 * JS stack (a microtask runs on an empty one) and no run() in progress: the tasklet runs
 * now, from main, until it blocks again (a hard switch that returns then, as spawnAsync's
 * from plain code), so its code after the await runs in this very job, where a native
 * async function's would. Whatever it left runnable runs from the event loop.
 */
function settleAwait(t: Tasklet): void {
  rt.callee = rt.NOBODY;
  t.run();
  kick();
}

/**
 * Called by a synchronous scheduler loop that has nothing runnable: blocks the thread
 * until the next sleeper is due, and wakes it. False if there is no timer to wait for.
 */
export function waitSyncForTimers(): boolean {
  const d = nextDeadline();
  if (d === Infinity) return false;
  const ms = d - Date.now();
  if (ms > 0) Atomics.wait(syncCell, 0, 0, ms);
  wakeDueSleepers();
  return true;
}
const syncCell = new Int32Array(new SharedArrayBuffer(4));

idle.waitSync = waitSyncForTimers;
idle.hasExternalWaits = hasExternalWaits;

// --- driving from the event loop -------------------------------------------------------

/** The pending runAsync's wake-up, when it awaits the event loop. */
let wakeDriver: (() => void) | null = null;
let drainQueued = false;

/**
 * Something outside the scheduler made a tasklet runnable (or added a timer). If a
 * runAsync awaits, wake it; otherwise run the scheduler soon from the event loop, so
 * that plain code feeding channels (sendAsync) never needs a driver of its own.
 */
export function kick(): void {
  if (wakeDriver !== null) {
    const w = wakeDriver;
    wakeDriver = null;
    w();
    return;
  }
  if (drainQueued || driving) return;
  drainQueued = true;
  setImmediate(() => {
    drainQueued = false;
    if (driving || sched.levels.length > 0) return;
    // No runAsync is active: drive like one. Its errors reject nothing, so they
    // surface as an uncaught exception (nothing is swallowed). A runAsync() main calls
    // meanwhile takes over (handover).
    implicitDriver = drive(undefined, {}, true)
      .catch((e: unknown) => {
        setImmediate(() => {
          throw e;
        });
      })
      .finally(() => {
        implicitDriver = null;
      });
  });
}

/** The driver kick() started, while it runs; `handover` asks it to stop at its next turn. */
let implicitDriver: Promise<unknown> | null = null;
let handover = false;

let driving = false;

/**
 * runAsync() called in a tasklet other than main: an `async function main() { …; await
 * runAsync(); }` that the top level calls, which therefore runs in a tasklet of its own
 * (frame-protocol.md "Async functions"). It cannot drive the scheduler from there: main,
 * whose plain frames are below it on the JS stack, is among the tasklets to run. So, as
 * Stackless's nested run() (only the outermost run drives, and its timeout alone
 * counts), it waits: the promise resolves null once the driver (the outermost runAsync,
 * `stackless run`'s, or the one kick() starts) finds nothing else runnable and nothing
 * else awaited. Latest first, so nested calls return inside out.
 */
interface NestedRun {
  resolve(v: Tasklet | null): void;
  /** the tasklet awaiting it */
  owner: Tasklet;
  timeout: number | undefined;
  options: RunOptions;
}
const nestedRuns: NestedRun[] = [];
const nestedPromises = new WeakSet<object>();

function nestedRun(timeout: number | undefined, options: RunOptions): Promise<Tasklet | null> {
  const owner = current();
  const p = new Promise<Tasklet | null>((resolve) => nestedRuns.push({ resolve, owner, timeout, options }));
  nestedPromises.add(p);
  kick();
  return p;
}

/**
 * The waiting runAsync(timeout) whose watchdog the driver runs under when its own run has
 * no timeout: the first (outermost) one with a timeout, as in Stackless only the
 * outermost run() with a timeout counts, and the driver's run is the inner one here. A
 * watchdog loop in a tasklet (`async function main() { for (;;) { const v = await
 * runAsync(1000); … } }` called from the top level) thus gets its victims back; they ran
 * with no watchdog before.
 */
function timedNestedRun(): NestedRun | null {
  for (const n of nestedRuns) if (hasTimeout(n.timeout)) return n;
  return null;
}

/**
 * The last timed nested run the driver served. Its owner, given a victim, runs inside the
 * driver's next run() (handling it, calling runAsync again): that run keeps its
 * watchdog, or a runaway the owner re-inserted would run there with none.
 */
let lastTimed: NestedRun | null = null;

function nestedWatchdog(): NestedRun | null {
  const n = timedNestedRun();
  if (n !== null) lastTimed = n;
  else if (lastTimed !== null && !lastTimed.owner.alive) lastTimed = null;
  return lastTimed;
}

/**
 * Like run(), but when no tasklet is runnable while some wait on timers, promises or
 * plain code (sendAsync), awaits the event loop and goes on. Resolves null when nothing
 * is runnable and nothing external is awaited, or with the interrupted tasklet, or null
 * at a soft interrupt (the tasklets stay queued), as run() returns.
 */
export function runAsync(timeout?: number, options: RunOptions = {}): Promise<Tasklet | null> {
  // Not async itself: a tasklet's await must get nestedRun's own promise to wait on.
  return current().isMain ? mainRun(timeout, options) : nestedRun(timeout, options);
}

async function mainRun(timeout: number | undefined, options: RunOptions): Promise<Tasklet | null> {
  mainRuns(timeout, options);
  if (implicitDriver !== null) {
    // The event loop's driver runs (a tasklet's runAsync or sendAsync kicked it): main's
    // own run replaces it, with its timeout, once it has stopped at its await.
    handover = true;
    if (wakeDriver !== null) kick();
    await implicitDriver;
    handover = false;
  }
  if (driving) throw new RuntimeError("runAsync() is already running; await the first one");
  return drive(timeout, options, false);
}

async function drive(timeout: number | undefined, options: RunOptions | number, implicit: boolean): Promise<Tasklet | null> {
  driving = true;
  // An error thrown by plain code (a timer or I/O callback, an unhandled rejection) while
  // we await the event loop reaches main like a tasklet's: runAsync rejects with it.
  let plainError: { error: unknown } | null = null;
  const onPlainError = (error: unknown) => {
    if (plainError === null) plainError = { error };
    kick();
  };
  process.on("uncaughtException", onPlainError);
  process.on("unhandledRejection", onPlainError);
  try {
    for (;;) {
      if (plainError !== null) throw (plainError as { error: unknown }).error;
      if (implicit && handover) return null;
      wakeDueSleepers();
      // The watchdog: main's runAsync(timeout) is the outermost and wins. Otherwise a
      // tasklet's waiting runAsync(timeout) (nestedWatchdog); else the event loop's driver
      // (implicit) runs under main's last watchdog (api.ts mainWatchdog): main may be
      // between two runAsync(timeout) of a watchdog loop, which re-inserted its runaways;
      // run with no watchdog, one of them would never return here and would freeze the
      // process. runScheduler, not api.run, which would record these as main's own.
      const inner = hasTimeout(timeout) && !implicit ? null : nestedWatchdog();
      const [t, o] = inner !== null ? [inner.timeout, inner.options] : implicit ? [mainWatchdog.timeout, mainWatchdog.options] : [timeout, options];
      const victim = runScheduler(t, o, false, run);
      if (inner !== null && (victim !== null || wd.softTaken)) {
        const n = timedNestedRun();
        if (n !== null) {
          // That runAsync returns the victim (null: a soft interrupt); its tasklet is
          // runnable once the promise's reaction job has run.
          nestedRuns.splice(nestedRuns.indexOf(n), 1);
          n.resolve(victim);
          await null;
        } else {
          // Its owner is busy (it has not called runAsync again yet): round robin.
          victim?.insert();
        }
        continue;
      }
      if (implicit && (victim !== null || wd.softTaken)) {
        // Nobody to return it to: round robin (the victim goes to the end of the queue),
        // and the event loop gets a turn, so main's own loop and I/O go on (and main's
        // runAsync takes over: handover).
        victim?.insert();
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      if (victim !== null) return victim;
      // A soft interrupt: run() returned null with the tasklets still queued; so does runAsync.
      if (wd.softTaken) return null;
      wakeDueSleepers();
      if (sched.runcount > 1) continue;
      if (!hasExternalWaits()) {
        if (nestedRuns.length === 0) return null;
        // Idle but for tasklets awaiting their own runAsync(): the latest one returns, and
        // its await's reaction job (queued first) makes its tasklet runnable.
        nestedRuns.pop()!.resolve(null);
        await null;
        continue;
      }
      if (plainError !== null) continue;
      await new Promise<void>((resolve) => {
        const d = nextDeadline();
        const timer = d === Infinity ? null : setTimeout(() => kick(), Math.max(0, d - Date.now()));
        wakeDriver = () => {
          if (timer !== null) clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    driving = false;
    wakeDriver = null;
    process.off("uncaughtException", onPlainError);
    process.off("unhandledRejection", onPlainError);
  }
}

// --- channels from plain code ------------------------------------------------------------

const $m = rt.module("stackless-ts/runtime/events");
const codeInfo = (name: string, vars: string[]) => ({ id: `stackless-ts/runtime/events#${name}`, name, hash: "runtime", vars, pcs: [], line: 0, column: 0 });

interface Settle {
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

/**
 * The bottom frame of a sendAsync/receiveAsync helper tasklet, written by hand in the
 * shape the compiler emits (frame-protocol.md): the runtime has no compiler, and these
 * are the only tasklet-code frames it owns. `dir` 1 sends `value`, -1 receives.
 */
function asyncChannelOp(this: unknown, ch: Channel<unknown>, dir: number, value: unknown, done: Settle): unknown {
  let $pc = 0;
  if (rt.callee !== asyncChannelOp) {
    if (rt.callee !== rt.RESUME) return rt.nested(asyncChannelOp, this, arguments, undefined);
    const f = rt.frame!;
    $pc = f.pc;
    ch = f.vars[0] as Channel<unknown>;
    dir = f.vars[1] as number;
    value = f.vars[2];
    done = f.vars[3] as Settle;
  }
  rt.callee = rt.NOBODY;
  let result: unknown;
  try {
    if ($pc === 1) result = rt.take();
    else {
      const op: (this: Channel<unknown>, v?: unknown) => unknown = dir > 0 ? ch.send : ch.receive;
      rt.callee = op;
      result = op.call(ch, value);
      if (rt.unwinding) return rt.save(asyncChannelOp as never, 1, undefined, [ch, dir, value, done]);
    }
  } catch (e) {
    done.reject(e);
    return undefined;
  }
  done.resolve(result);
  return undefined;
}
$m.fn($m.code(codeInfo("asyncChannelOp", ["ch", "dir", "value", "done"])), asyncChannelOp);

function asyncOp(ch: Channel<unknown>, dir: number, value: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    new Tasklet(asyncChannelOp as never).setup(ch, dir, value, { resolve, reject });
    kick();
  });
}

declare module "./channel.js" {
  interface Channel<T> {
    /** For plain code: never blocks; resolves when a tasklet took the value. */
    sendAsync(value: T): Promise<void>;
    /** For plain code: never blocks; resolves with the value a tasklet gave. */
    receiveAsync(): Promise<T>;
  }
}

Channel.prototype.sendAsync = function sendAsync(this: Channel<unknown>, value: unknown): Promise<void> {
  return asyncOp(this, 1, value) as Promise<void>;
};
Channel.prototype.receiveAsync = function receiveAsync(this: Channel<unknown>): Promise<unknown> {
  return asyncOp(this, -1, undefined);
};

// --- compiled async functions ------------------------------------------------------------

/**
 * The promise side of a spawned async call. Pickles as a detached settle: in the process
 * that restores the tasklet nobody holds the promise, so the result is dropped and an
 * error becomes the tasklet's uncaught error (it goes to main).
 */
class AsyncSettle {
  constructor(
    readonly resolve: (v: unknown) => void,
    readonly reject: (e: unknown) => void,
  ) {}
}
const detached = new AsyncSettle(
  () => undefined,
  (e) => {
    throw e;
  },
);
registerPickler(AsyncSettle, { name: "stackless-ts:AsyncSettle", reduce: () => 0, restore: () => detached });

/**
 * The bottom frame of a tasklet started by rt.spawn: calls the compiled async function
 * `fn` inline (rt.awaiting = fn, so its awaits block this tasklet) and settles `done`
 * with what it returns or throws. Hand-written in the compiler's shape, as asyncChannelOp.
 */
function asyncCallOp(this: unknown, fn: Function, self: unknown, args: unknown[], done: AsyncSettle): unknown {
  let $pc = 0;
  if (rt.callee !== asyncCallOp) {
    if (rt.callee !== rt.RESUME) return rt.nested(asyncCallOp, this, arguments, undefined);
    const f = rt.frame!;
    $pc = f.pc;
    fn = f.vars[0] as Function;
    self = f.vars[1];
    args = f.vars[2] as unknown[];
    done = f.vars[3] as AsyncSettle;
  }
  rt.callee = rt.NOBODY;
  let result: unknown;
  try {
    if ($pc === 1) result = rt.take();
    else {
      rt.awaiting = fn;
      rt.callee = fn;
      result = Reflect.apply(fn, self, args);
      if (rt.unwinding) return rt.save(asyncCallOp as never, 1, undefined, [fn, self, args, done]);
    }
  } catch (e) {
    done.reject(e);
    return undefined;
  }
  if (rt.returned === fn) rt.returned = rt.NOBODY;
  done.resolve(result);
  return undefined;
}
// pcs: the entry and the one resume point (unpickling checks a record's pc against them).
$m.fn($m.code({ ...codeInfo("asyncCallOp", ["fn", "self", "args", "done"]), pcs: [0, 0, 0, 0] }), asyncCallOp);

/**
 * rt.spawn: a compiled async function called from plain code, or from tasklet code other
 * than directly under `await`, runs in a tasklet of its own, started at once as
 * Tasklet.run() does: it runs until it first blocks (an `await` of a pending promise, a
 * channel, sleep), then its caller goes on with a promise of the outcome. So, as natively,
 * the body runs synchronously up to its first wait and the caller never blocks on it.
 * Called from a directly called prologue (tasklet code at nesting 0) the switch is soft:
 * the caller's frames unwind and the promise is delivered to its call site; otherwise it
 * is a hard switch that returns the promise. If no hard switch is possible (too many
 * levels), the tasklet starts later instead.
 */
function spawnAsync(fn: Function, self: unknown, args: ArrayLike<unknown>): unknown {
  const direct = rt.callee === fn;
  rt.callee = rt.NOBODY;
  let settle: AsyncSettle | null = null;
  const promise: Promise<unknown> = new Promise((resolve, reject) => {
    settle = new AsyncSettle(resolve, (e) => {
      // A killed call (TaskletExit: a watchdog loop killing a runaway `async` function
      // that its caller did not await) rejects the promise as asyncio cancels a task:
      // whoever awaits it gets the TaskletExit, but nobody has to. Unobserved, the
      // rejection must not end the process as an unhandled one: TaskletExit is never
      // reported (API.md), and the program killed that tasklet on purpose.
      if (e instanceof TaskletExit) promise.catch(ignore);
      reject(e);
    });
  });
  const t = new Tasklet(asyncCallOp as never).setup(fn, self, listOf(args), settle);
  jsOrdered.add(t);
  const cur = current();
  cur.tempval = promise;
  rt.callee = direct ? Tasklet.prototype.run : rt.NOBODY;
  // Called by main (always from plain code below: an event handler, a timer) outside any
  // run(), while main runs a watchdog loop: the synchronous part runs under that
  // watchdog, main its owner, as in a run(timeout) of its own; an interrupted tasklet
  // goes back to the queue (unguard). Without it a runaway before the first await would
  // freeze the process.
  const watchdog = cur.isMain && wd.owner === null ? watchdogInForce() : null;
  const guarded = watchdog !== null;
  if (guarded) arm(cur, watchdog.timeout as number, watchdog.options);
  try {
    const r = t.run();
    // A hard switch (plain caller), as sendAsync: whatever t left runnable runs from the
    // event loop even if nobody drives the scheduler.
    if (!rt.unwinding) kick();
    return r;
  } catch (e) {
    if (!(e instanceof RuntimeError) || t.frameState !== State.Initial) throw e;
    // No hard switch possible here: t stays queued and starts when the scheduler runs.
    cur.tempval = undefined;
    kick();
    return promise;
  } finally {
    if (guarded) unguard();
  }
}

/** spawnAsync's watchdog ends: the tasklet it interrupted, if any, is queued again for the driver. */
function unguard(): void {
  disarm();
  const victim = takeInterrupted();
  if (victim === null) return;
  victim.insert();
  kick();
}

function ignore(): void {}

rt.wait = awaitValue;
rt.done = awaitDone;
rt.failed = awaitFailed;
rt.spawn = spawnAsync;

export type { ExternalWait };

/**
 * The scheduler functions of API.md (module `stackless-ts`).
 * Every primitive that can switch compares rt.callee with itself (protocol.ts), so it
 * must be a stable function object: never wrap these in arrow functions.
 */
import { rt } from "./protocol.js";
import { sched, current, mainTasklet, ringInsert, ringRemove, suspend, runScheduler, registerPrimitive, revivable, calledDirectly } from "./scheduler.js";
import { MAIN_ID, type Tasklet } from "./tasklet.js";
import { RuntimeError } from "./errors.js";
import { wd } from "./watchdog.js";
import { callWith } from "./lists.js";

/** Yields to the next runnable tasklet; returns `retval` (default: the current tasklet). */
export function schedule(retval?: unknown): unknown {
  return yieldCurrent(arguments.length === 0 ? current() : retval, false, schedule);
}

/** Like schedule(), and leaves the runnables queue. */
export function scheduleRemove(retval?: unknown): unknown {
  return yieldCurrent(arguments.length === 0 ? current() : retval, true, scheduleRemove);
}

registerPrimitive(schedule);
registerPrimitive(scheduleRemove);
registerPrimitive(run);

function yieldCurrent(retval: unknown, remove: boolean, primitive: unknown): unknown {
  const cur = current();
  cur.tempval = retval;
  const next = cur.rnext !== null && cur.rnext !== cur ? cur.rnext : null;
  if (remove) ringRemove(cur);
  if (next !== null) {
    sched.head = next;
  } else if (remove) {
    // Stackless (schedule_task_block): with nothing else to run, the innermost tasklet
    // inside run() (or main) is revived if it is paused and the caller stays removed;
    // main alone just continues; otherwise (it is blocked) the caller gets Deadlock.
    if (sched.head === null && revivable(cur) === null) {
      rt.callee = rt.NOBODY;
      ringInsert(cur);
      cur.tempval = undefined;
      if (cur.isMain) return retval;
      throw new RuntimeError(`Deadlock: scheduleRemove() by tasklet ${cur.id}, the last runnable tasklet, would leave nothing to run`);
    }
  } else if (!(wd.soft && wd.pending === cur)) {
    // Alone in the queue: no switch (a pending soft interrupt still makes one, to the watchdog).
    rt.callee = rt.NOBODY;
    const v = cur.tempval;
    cur.tempval = undefined;
    return v;
  }
  return suspend(cur, primitive);
}

/** Runnable tasklets of this thread, the current one included. */
export function getRunCount(): number {
  mainTasklet();
  return sched.runcount;
}

export function getCurrent(): Tasklet {
  return current();
}

/** Unique among live tasklets and stable; main's is fixed before its object exists. */
export function getCurrentId(): number {
  return sched.current === null ? MAIN_ID : sched.current.id;
}

export function getMain(): Tasklet {
  return mainTasklet();
}

export interface RunOptions {
  /** Interrupt only at the next voluntary switch (Py_WATCHDOG_SOFT). */
  soft?: boolean;
  /** Interrupt even tasklets with nestingLevel > 0 (Py_WATCHDOG_IGNORE_NESTING). */
  ignoreNesting?: boolean;
  /** `timeout` bounds all instructions since this call, not each slice (Py_WATCHDOG_TOTALTIMEOUT). */
  totaltimeout?: boolean;
  /** Accepted for the C-API's flag; run() never waits on the event loop (see runAsync). */
  threadblock?: boolean;
}

/**
 * `options` may also be the C-API's Py_WATCHDOG_* bits (watchdog.ts decodes them).
 * Runs the other tasklets until none is runnable (returns null) or, with `timeout`,
 * until one ran `timeout` instructions without switching: that one is returned,
 * removed from the runnables queue. Callable from any tasklet.
 */
export function run(timeout?: number, options: RunOptions | number = {}): Tasklet | null {
  const direct = calledDirectly(run);
  rt.callee = rt.NOBODY;
  if (current().isMain) mainRuns(timeout, options);
  return runScheduler(timeout, options, direct, run);
}

/** Main calls run() or runAsync(): its watchdog, if any, is now mainWatchdog. */
export function mainRuns(timeout: number | undefined, options: RunOptions | number): void {
  mainWatchdog.timeout = timeout;
  mainWatchdog.options = options;
}

/**
 * The watchdog of main's latest run() (runAsync's included): the event loop's driver,
 * which runs what is left runnable while main awaits something else, runs under it
 * (events.ts drive), so that the runaways a watchdog loop re-inserted are not run there
 * with no watchdog.
 */
export const mainWatchdog = { timeout: undefined as number | undefined, options: {} as RunOptions | number };

/** Runs `fn(...args)` as the main tasklet would (from plain code): returns its result. */
export function callMain<R>(fn: (...args: any[]) => R, ...args: unknown[]): R {
  mainTasklet();
  if (sched.current !== sched.main) throw new RuntimeError(`callMain: must be called from the main tasklet, not tasklet ${getCurrentId()}`);
  return callWith(fn, undefined, args) as R;
}

/**
 * The watchdog: `run(timeout)` interrupts a tasklet that ran `timeout` instructions
 * without switching (STACKLESS-SEMANTICS.md 17-20).
 *
 * Compiled code charges instructions to rt.budget and calls rt.tick() when it goes
 * below 0, at a resume point (frame-protocol.md rule 9). The scheduler loop refills
 * the budget whenever it runs a tasklet (the slice resets at every switch), or carries
 * the remainder over with `totaltimeout`.
 *
 * Invariants
 * - At most one watchdog is armed: the outermost run() with a timeout (`wd.level`);
 *   nested run(timeout) calls behave as if they had none.
 * - `wd.interrupted` is the victim, already out of the ring, until that run() returns it.
 * - A tasklet is never interrupted while atomic, nor with nestingLevel > 0 unless
 *   ignoreNesting (tasklet or flags); the interrupt then stays pending (`wd.pending`)
 *   and fires at its next switch point, as with `soft`.
 */
import { rt, BUDGET_IDLE, installHooks } from "./protocol.js";
import { sched, ringRemove, type Level } from "./scheduler.js";
import { State } from "./state.js";
import type { Tasklet } from "./tasklet.js";

export interface WatchdogOptions {
  soft?: boolean;
  ignoreNesting?: boolean;
  totaltimeout?: boolean;
}

export const wd = {
  level: null as Level | null,
  timeout: 0,
  soft: false,
  ignoreNesting: false,
  total: false,
  /** instructions left of the total (totaltimeout) */
  remaining: 0,
  interrupted: null as Tasklet | null,
  /** a tasklet whose interrupt waits for its next voluntary switch */
  pending: null as Tasklet | null,
  /** requestTick(): every slice starts with an empty budget */
  tickRequested: false,
};

export function arm(level: Level, timeout: number, o: WatchdogOptions): void {
  if (!Number.isInteger(timeout)) throw new TypeError(`run(timeout): timeout must be an integer number of instructions, got ${timeout}`);
  wd.level = level;
  wd.timeout = timeout;
  wd.soft = o.soft === true;
  wd.ignoreNesting = o.ignoreNesting === true;
  wd.total = o.totaltimeout === true;
  wd.remaining = timeout;
  wd.interrupted = null;
  wd.pending = null;
}

/** Disarms; returns the interrupted tasklet, if any. */
export function disarm(): Tasklet | null {
  const t = wd.interrupted;
  wd.level = null;
  wd.interrupted = null;
  wd.pending = null;
  rt.budget = BUDGET_IDLE;
  return t;
}

/** The scheduler is about to run t: its slice starts now. */
export function startSlice(): void {
  rt.budget = rt.forceUnwind || wd.tickRequested ? -1 : wd.level === null ? BUDGET_IDLE : wd.total ? wd.remaining : wd.timeout;
}

/** t stopped running (switched out or died). */
export function endSlice(): void {
  if (wd.total && wd.level !== null) wd.remaining = Math.max(0, rt.budget);
}

/**
 * Makes compiled code call rt.tick() at its next function entry or loop iteration, in
 * the tasklet running now and in every one the scheduler runs after it, until
 * `requestTick(false)`. The watchdog does not act on it by itself: it is for a tick hook
 * installed in front of the watchdog's (`installHooks`) that must get control at the
 * next switch point, wherever the program is: the CLI's `run --save`, stopping a program
 * on SIGINT/SIGTERM (cli/stop.ts). Safe to call at any point, even from a V8 interrupt.
 */
export function requestTick(on = true): void {
  wd.tickRequested = on;
  if (on) rt.budget = -1;
}

function tick(direct: boolean): unknown {
  const cur = sched.current;
  if (wd.level === null || cur === null || wd.interrupted !== null) {
    rt.budget = BUDGET_IDLE;
    return undefined;
  }
  if (cur === wd.level.owner || cur.atomic) {
    rt.budget = wd.timeout;
    return undefined;
  }
  const nestingOk = rt.nesting === 0 || cur.ignoreNesting || wd.ignoreNesting;
  if (wd.soft || !nestingOk || !direct || rt.nesting > 0) {
    // Cannot (or must not) interrupt here: fire at the next voluntary switch.
    wd.pending = cur;
    rt.budget = BUDGET_IDLE;
    return undefined;
  }
  return interrupt(cur);
}

/** Removes `cur` from the ring, records it for run() to return, and unwinds it softly. */
function interrupt(cur: Tasklet): unknown {
  ringRemove(cur);
  wd.interrupted = cur;
  wd.pending = null;
  cur.state = State.Soft;
  rt.unwinding = true;
  rt.continueSame = false;
  return rt.UNWIND;
}

/**
 * At a voluntary switch of `cur` (schedule, channel block): fires a pending interrupt.
 * Returns true if cur was interrupted (it is then out of the ring).
 */
export function firePending(cur: Tasklet): boolean {
  if (wd.pending !== cur || wd.level === null || wd.interrupted !== null) return false;
  if (cur.atomic) return false;
  ringRemove(cur);
  wd.interrupted = cur;
  wd.pending = null;
  return true;
}

installHooks({ tick });

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
 * - At most one watchdog is armed: the first run() with a timeout while none is
 *   (`wd.owner`, Stackless's slot 0 of the watchdog list); run(timeout) calls inside it
 *   behave as if they had no timeout. Outside any run(), events.ts spawnAsync arms one
 *   for main around the synchronous part of an async call from plain code.
 * - A hard interrupt takes the victim out of the ring, sets `wd.interrupted` and wakes
 *   the owner; a soft one leaves the victim (the tasklet that would have run next)
 *   queued. The first run() to return takes `wd.interrupted` (scheduler.ts finishRun).
 * - A tasklet is never interrupted while atomic, nor with nestingLevel > 0 unless
 *   ignoreNesting (on it or in the flags) and the owner can run above its JS stack
 *   (interruptHard): the interrupt stays pending (`wd.pending`, Stackless's pending_irq)
 *   and is tried again at once when it clears `atomic`, within PENDING_RECHECK
 *   instructions of its return to nestingLevel 0. In soft mode a pending interrupt fires
 *   at the tasklet's next switch (softIrq).
 */
import { rt, BUDGET_IDLE, installHooks, watchdogArmed } from "./protocol.js";
import { sched, ringRemove, ringInsert, suspend, MAX_LEVELS } from "./scheduler.js";
import { State } from "./state.js";
import type { Tasklet } from "./tasklet.js";

export interface WatchdogOptions {
  soft?: boolean;
  ignoreNesting?: boolean;
  totaltimeout?: boolean;
}

export const wd = {
  /** the tasklet whose run(timeout) is the effective watchdog, or null */
  owner: null as Tasklet | null,
  timeout: 0,
  soft: false,
  ignoreNesting: false,
  total: false,
  /** instructions left of the total (totaltimeout) */
  remaining: 0,
  interrupted: null as Tasklet | null,
  /** wd.interrupted was set by a soft interrupt: it stayed queued, run() returns null */
  softInterrupt: false,
  /**
   * The last run() to return took a soft interrupt: it returned null with the tasklets
   * still queued (runAsync, which loops while tasklets are runnable, returns then too).
   */
  softTaken: false,
  /** a tasklet whose interrupt is pending (Stackless's pending_irq flag) */
  pending: null as Tasklet | null,
  /** requestTick(): every slice starts with an empty budget */
  tickRequested: false,
  /** what the running slice has beyond rt.budget (setBudget) */
  carry: 0,
};

/**
 * Starts a slice of n instructions. rt.budget must stay an int32 (compiled charges are
 * `b = b - k | 0`, compiler/emit/charges.ts spend), so at most BUDGET_IDLE of it goes
 * there and the rest waits in wd.carry until tick() finds rt.budget spent: a timeout
 * of any size is counted exactly. Below -1 is the same as -1: tick at the next check.
 */
function setBudget(n: number): void {
  const b = n > BUDGET_IDLE ? BUDGET_IDLE : n < -1 ? -1 : n;
  rt.budget = b;
  wd.carry = n > b ? n - b : 0;
}

/**
 * `flags` as an object, or as the C-API's Py_WATCHDOG_* bits (API.md: "Flags as
 * Py_WATCHDOG_*"), which a JavaScript caller may pass to run() directly.
 */
export function arm(owner: Tasklet, timeout: number, flags: WatchdogOptions | number): void {
  if (!Number.isInteger(timeout)) throw new TypeError(`run(timeout): timeout must be an integer number of instructions, got ${timeout}`);
  const o = typeof flags === "number" ? fromBits(flags) : (flags ?? {});
  wd.owner = owner;
  wd.timeout = timeout;
  wd.soft = o.soft === true;
  wd.ignoreNesting = o.ignoreNesting === true;
  wd.total = o.totaltimeout === true;
  wd.remaining = timeout;
  wd.interrupted = null;
  wd.softInterrupt = false;
  wd.pending = null;
  // The caller's own slice (it switches away next) must not carry an idle budget over.
  setBudget(timeout);
  watchdogArmed(true);
}

/** Py_WATCHDOG_SOFT = 2, Py_WATCHDOG_IGNORE_NESTING = 4, Py_WATCHDOG_TOTALTIMEOUT = 8 (THREADBLOCK = 1 changes nothing in run()). */
function fromBits(flags: number): WatchdogOptions {
  if (!Number.isInteger(flags) || flags < 0 || flags > 255) throw new RangeError(`run(timeout, flags): flags must be an integer in [0..255], got ${flags}`);
  return { soft: (flags & 2) !== 0, ignoreNesting: (flags & 4) !== 0, totaltimeout: (flags & 8) !== 0 };
}

/** The owner's run() ends: no watchdog any more (an interrupt not taken yet stays for run() to return). */
export function disarm(): void {
  wd.owner = null;
  wd.pending = null;
  setBudget(BUDGET_IDLE);
  watchdogArmed(false);
}

/** What run() returns: the victim of a hard interrupt (out of the ring), else null. Clears it. */
export function takeInterrupted(): Tasklet | null {
  const t = wd.interrupted;
  wd.interrupted = null;
  wd.softTaken = t !== null && wd.softInterrupt;
  if (t === null || wd.softInterrupt) return null;
  ringRemove(t);
  return t;
}

/** The scheduler is about to run t: its slice starts now. */
export function startSlice(): void {
  rt.tickAtLevel0 = false;
  setBudget(rt.forceUnwind || wd.tickRequested ? -1 : wd.owner === null ? BUDGET_IDLE : wd.total ? wd.remaining : wd.timeout);
}

/** t stopped running (switched out or died). */
export function endSlice(): void {
  if (wd.total && wd.owner !== null) wd.remaining = Math.max(0, rt.budget + wd.carry);
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
  const owner = wd.owner;
  if (owner === null || cur === null || wd.interrupted !== null) {
    setBudget(BUDGET_IDLE);
    return undefined;
  }
  if (wd.carry > 0 && rt.budget + wd.carry >= 0) {
    setBudget(rt.budget + wd.carry); // the slice is not over: only its int32 part is
    return undefined;
  }
  // The next check comes a slice later (Stackless moves its tick watermark on).
  setBudget(wd.timeout);
  if (cur === owner) return undefined;
  if (wd.soft || cur.atomic) {
    // Must not interrupt here: pending until the end of atomic, or (soft) the next switch.
    wd.pending = cur;
    return undefined;
  }
  if (rt.nesting > 0) {
    if ((cur.ignoreNesting || wd.ignoreNesting) && owner.frameState === State.Soft) return interruptHard(cur, owner);
    // Plain code below: pending until a tick at nestingLevel 0 (or with ignoreNesting).
    return deferNested(cur);
  }
  if (!direct) return deferNested(cur);
  return interrupt(cur, owner);
}

/**
 * Ticks while an interrupt waits for nestingLevel 0 (or a direct call site). Stackless
 * checks a pending interrupt again only a whole slice later; then a loop that spends
 * most of its time in plain callbacks dodges the watchdog for as long as each tick
 * happens to land inside one (measured: over 5 million instructions for run(1000) when
 * 20 of every 40 000 instructions are at nestingLevel 0). Checking every few
 * instructions instead bounds the delay after the callback returns; it costs a tick
 * call per PENDING_RECHECK instructions, only while an interrupt is pending.
 */
const PENDING_RECHECK = 50;

function deferNested(cur: Tasklet): undefined {
  wd.pending = cur;
  // (setBudget leaves no carry: protocol.ts leaveSegment's -1 then makes a tick, not a refill.)
  setBudget(Math.min(wd.timeout, PENDING_RECHECK));
  // The recheck alone can miss the return to level 0 forever (rt.tickAtLevel0 says why):
  // the segment returning there makes the next check tick.
  if (rt.nesting > 0) rt.tickAtLevel0 = true;
  return undefined;
}

/** Removes `cur` from the ring, records it for run() to return, wakes the owner and unwinds cur softly. */
function interrupt(cur: Tasklet, owner: Tasklet): unknown {
  ringRemove(cur);
  wd.interrupted = cur;
  wd.softInterrupt = false;
  wd.pending = null;
  wakeWatchdog(owner, sched.head);
  cur.frameState = State.Soft;
  rt.unwinding = true;
  rt.continueSame = false;
  return rt.UNWIND;
}

/**
 * Stackless's hard interrupt under ignoreNesting: `cur` runs plain code between its
 * tasklet frames (nestingLevel > 0), whose JS frames cannot be saved. It is suspended
 * where it is, keeping its JS stack (a hard switch: not restorable), and the owner runs
 * on top of it; its run() returns cur. Possible only when the owner switched softly into
 * run() (its frames are records and can resume above cur's stack). An owner suspended in
 * plain code itself (main at its top level, or anyone at nestingLevel > 0) is below cur
 * on the JS stack and could run again only after cur's plain frames return: then the
 * interrupt stays pending, as without ignoreNesting. Returns what cur is resumed with
 * (or throws it: kill() delivers TaskletExit here, inside the plain callback).
 */
function interruptHard(cur: Tasklet, owner: Tasklet): unknown {
  // suspend() would refuse (RuntimeError in cur): no room for one more JS stack segment.
  if (sched.levels.length >= MAX_LEVELS) return deferNested(cur);
  ringRemove(cur);
  wd.interrupted = cur;
  wd.softInterrupt = false;
  wd.pending = null;
  wakeWatchdog(owner, sched.head);
  return suspend(cur, null);
}

/** Makes the watchdog `w` run next, just before `before` (Stackless inserts it before the old next). */
function wakeWatchdog(w: Tasklet, before: Tasklet | null): void {
  if (w.rnext === null) {
    if (before !== null) sched.head = before;
    ringInsert(w);
  }
  sched.head = w;
}

/**
 * Stackless's slp_schedule_soft_irq, at every switch from `prev` to `sched.head`: a
 * pending soft interrupt of prev makes the owner run instead, and the tasklet that
 * would have run is the (still queued) victim. `notNow` (a channel exchange that
 * chose who runs) and a hard switch without ignoreNesting pass it on to the next one.
 */
export function softIrq(prev: Tasklet, notNow: boolean): void {
  if (wd.pending !== prev || !wd.soft) return;
  wd.pending = null;
  const owner = wd.owner;
  const next = sched.head;
  if (owner === null || wd.interrupted !== null || next === null) return;
  if (owner.rnext !== null || owner.blocked) return; // not floating: it runs anyway
  if (prev === owner || next === owner) return;
  if (notNow || !(rt.nesting === 0 || prev.ignoreNesting || wd.ignoreNesting)) {
    wd.pending = next;
    return;
  }
  wd.interrupted = next;
  wd.softInterrupt = true;
  wakeWatchdog(owner, next);
}

/** Stackless's slp_check_pending_irq: `t` (current) cleared atomic: a pending hard interrupt is tried at once. */
export function checkPendingIrq(t: Tasklet): void {
  if (wd.pending === t && !wd.soft && wd.owner !== null && sched.current === t && !t.atomic) setBudget(-1);
}

installHooks({ tick });

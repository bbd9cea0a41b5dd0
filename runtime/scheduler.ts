/**
 * The scheduler of one thread: the runnables ring, the current tasklet, main, and the
 * loop that runs tasklets (the trampoline's caller).
 *
 * Invariants
 * - The ring is a circular doubly linked list through Tasklet.rnext/prev of exactly the
 *   runnable tasklets; `sched.head` is the tasklet that runs now or next (the current
 *   one while it is runnable), null when none is runnable. A tasklet not in the ring
 *   has next === prev === null.
 * - `sched.runcount` is the ring's length.
 * - A tasklet is in at most one of: the ring, one channel's queue.
 * - `levels` is the stack of hard-suspended tasklets, bottom first: each owns one
 *   activation of `loop` running on top of its JS stack (DESIGN.md "Nesting"). Only the
 *   top level's loop runs; a lower owner can resume only when every level above it has
 *   returned (LIFO).
 * - While a soft tasklet runs, rt.nesting counts its open plain segments; a level
 *   saves the owner's rt.nesting/rt.depth and restores them when it returns.
 * - `watchdogs` is the stack of tasklets inside run(), outermost first (Stackless's
 *   watchdog list): none of them is runnable until woken. When nothing is runnable the
 *   innermost one is woken (its run() returns), an uncaught error goes to it, and one
 *   woken pops (and makes runnable) the ones above it.
 *
 * The loop never recurses for soft switches: 10^6 switches do not grow the JS stack.
 */
import { rt, drive, start, isCompiled, Outcome, describeEntry, type DriveResult } from "./protocol.js";
import { RuntimeError, TaskletExit } from "./errors.js";
import { runtimeBug } from "./bug.js";
import type { Tasklet } from "./tasklet.js";
import { State } from "./state.js";
import { fireSchedule, hookErrors, scheduleHooks } from "./callbacks.js";
import { wd, arm, disarm, startSlice, endSlice, softIrq, takeInterrupted, type WatchdogOptions } from "./watchdog.js";
import { joinLists } from "./lists.js";

export interface Level {
  owner: Tasklet;
  /** RUN: `run()` returns when nothing is runnable. BLOCK: the owner waits to be picked. */
  mode: "run" | "block";
  nesting: number;
  depth: number;
  /** The owner's rt.plainEntry: the tasklet-code function plain code called back, inside which it is suspended (null: none, e.g. main's top level). */
  entry: Function | null;
}

/** The hard suspension `t` owns (t.frameState is State.Hard), or undefined. */
export function levelOf(t: Tasklet): Level | undefined {
  return sched.levels.find((l) => l.owner === t);
}

/**
 * Where a hard-suspended (or current) tasklet entered the plain code below it, for the
 * RuntimeErrors of nesting (API.md "Nesting": the message names the plain frame). The
 * plain frames themselves are native and nameless to us; the tasklet-code function they
 * called back is what the user can find in the source.
 */
export function plainSite(t: Tasklet): string {
  const level = levelOf(t);
  const entry = level !== undefined ? level.entry : t.isCurrent ? rt.plainEntry : null;
  if (entry !== null) return `inside ${describeEntry(entry)}, which plain code called`;
  if (t.isMain) return "in main's top level (plain code)";
  const fn = t.boundFunc;
  if (fn !== null && !isCompiled(fn)) return `in its tasklet function ${describeEntry(fn)}, which is plain code`;
  return "in plain code";
}

/**
 * Throws the RuntimeError of an operation that must run `t` at once (run, switch, throw,
 * kill, called by `primitive`) when t is suspended in plain code where it cannot resume
 * now, before the operation changes anything. A hard-suspended tasklet resumes only when
 * the loop on top of its JS stack returns (LIFO): t must own the top level, and the
 * caller must switch softly (its frames unwind to that loop). A caller that would switch
 * hard stacks its own loop on top instead, so t could not run before the caller resumed:
 * Stackless runs t first, we cannot (API.md "Nesting"). Implicit orders (schedule(), a
 * channel's preference) are not checked: the loop runs what it can (loop()).
 */
export function checkResumable(t: Tasklet, what: string, primitive: unknown): void {
  if (t.frameState !== State.Hard) return;
  const cur = current();
  const soft = calledDirectly(primitive) && rt.nesting === 0;
  const top = sched.levels[sched.levels.length - 1]!;
  if (soft && top.owner === t) return;
  rt.callee = rt.NOBODY;
  const where = `tasklet ${t.id} is suspended ${plainSite(t)} (a hard switch)`;
  if (soft) {
    throw new RuntimeError(
      `cannot ${what} tasklet ${t.id} now: ${where}, below tasklet ${top.owner.id}, suspended ${plainSite(top.owner)}, on the JavaScript stack; ` +
        `tasklet ${t.id} can resume only once tasklet ${top.owner.id} has returned from that plain code (LIFO). ` +
        `Let tasklet ${top.owner.id} go on first, or compile the code that called it back with the stackless-ts plugin.`,
    );
  }
  const caller = rt.nesting > 0 ? `from plain code (${plainSite(cur)})` : "where it cannot switch softly (not from a call site in tasklet code)";
  throw new RuntimeError(
    `cannot ${what} tasklet ${t.id} now: ${where}, and tasklet ${cur.id} does so ${caller}, above it on the JavaScript stack; ` +
      `tasklet ${t.id} can resume only once that code has returned (LIFO). ` +
      `Call it from tasklet code at nestingLevel 0, or compile the plain code with the stackless-ts plugin.`,
  );
}

/** Carries an exception to a tasklet through its tempval (Stackless's "bomb"). */
export class Bomb {
  constructor(readonly error: unknown) {}
}

/**
 * What a loop with nothing runnable may still wait for (installed by events.ts, which
 * owns timers and promises; the scheduler knows neither).
 */
export const idle = {
  /** Blocks the thread until a timer is due and wakes it; false if there is none. */
  waitSync: (): boolean => false,
  hasExternalWaits: (): boolean => false,
};

/**
 * Every alive tasklet but main (snapshot() needs the paused ones too, which nothing else
 * references). Strong references: a paused tasklet stays until it dies or is unbound.
 */
export const liveTasklets = new Set<Tasklet>();

export const sched = {
  main: null as Tasklet | null,
  current: null as Tasklet | null,
  head: null as Tasklet | null,
  runcount: 0,
  levels: [] as Level[],
  watchdogs: [] as Tasklet[],
};

/** Set by tasklet.ts at load: creates the main tasklet object for this thread. */
let makeMain: (() => Tasklet) | null = null;
export function setMainFactory(f: () => Tasklet): void {
  makeMain = f;
}

/** The main tasklet, created on first use; it is current until something else runs. */
export function mainTasklet(): Tasklet {
  if (sched.main === null) {
    if (makeMain === null) runtimeBug("mainTasklet", "tasklet.ts did not install the main factory");
    const m = makeMain();
    sched.main = m;
    sched.current = m;
    m.frameState = State.Running;
    ringInsert(m);
    rt.nesting = 1; // main's top level is plain code
    fireSchedule(null, m); // Stackless 3.7 reports main's start as (None, main)
  }
  return sched.main;
}

export function current(): Tasklet {
  return sched.current ?? mainTasklet();
}

// ---------------------------------------------------------------------------------
// The ring.

/** Appends t at the end of the queue (just before head). */
export function ringInsert(t: Tasklet): void {
  const h = sched.head;
  if (h === null) {
    t.rnext = t.rprev = t;
    sched.head = t;
  } else {
    const last = h.rprev!;
    t.rprev = last;
    t.rnext = h;
    last.rnext = t;
    h.rprev = t;
  }
  sched.runcount++;
}

/** Inserts t so that it runs right after `after` (which is in the ring). */
export function ringInsertAfter(t: Tasklet, after: Tasklet): void {
  const n = after.rnext!;
  t.rprev = after;
  t.rnext = n;
  after.rnext = t;
  n.rprev = t;
  sched.runcount++;
}

export function ringRemove(t: Tasklet): void {
  if (t.rnext === null) return;
  if (t.rnext === t) {
    sched.head = null;
  } else {
    t.rprev!.rnext = t.rnext;
    t.rnext.rprev = t.rprev;
    if (sched.head === t) sched.head = t.rnext;
  }
  t.rnext = t.rprev = null;
  sched.runcount--;
}

// ---------------------------------------------------------------------------------
// Switching.

/**
 * Leaves the current tasklet `cur` (already out of the ring, or still in it after
 * `sched.head` moved on) so that `sched.head` runs. Called by every primitive that
 * switches, as its last act. Soft when `primitive` was called directly from tasklet
 * code at nesting 0: returns rt.UNWIND and the frames unwind to the loop. Otherwise
 * hard: runs the loop on top of the JS stack until `cur` is picked again, then returns
 * what was delivered to it (or throws it).
 */
export function suspend(cur: Tasklet, primitive: unknown, notNow = false): unknown {
  if (wd.pending === cur) softIrq(cur, notNow);
  if (calledDirectly(primitive) && rt.nesting === 0) {
    rt.callee = rt.NOBODY;
    cur.frameState = State.Soft;
    rt.unwinding = true;
    rt.continueSame = false;
    return rt.UNWIND;
  }
  rt.callee = rt.NOBODY;
  if (sched.levels.length >= MAX_LEVELS) {
    undoBlock(cur);
    throw new RuntimeError(
      `tasklet ${cur.id} cannot switch: ${sched.levels.length} tasklets are already suspended in plain code (hard switches), ` +
        `each keeping its JavaScript stack. Compile the code of these tasklets with the stackless-ts plugin so that they switch softly.`,
    );
  }
  try {
    hardSuspend(cur, "block");
  } catch (e) {
    // The loop above us failed (e.g. the JS stack overflowed): cur runs on with the
    // error, so it must not stay queued on a channel or out of the ring.
    undoBlock(cur);
    throw e;
  }
  return deliver(cur);
}

/** Hard-switched tasklets nested on one JS stack, at most (each holds a stack segment). */
export const MAX_LEVELS = 500;

function undoBlock(cur: Tasklet): void {
  cur.unblock();
  if (cur.rnext === null) ringInsert(cur);
  sched.head = cur;
  sched.current = cur;
  cur.frameState = State.Running;
}

/** The Level of `cur` suspending hard now: its stack's counts, and where it entered plain code (plainSite). */
function suspension(cur: Tasklet, mode: "run" | "block"): Level {
  return { owner: cur, mode, nesting: rt.nesting, depth: rt.depth, entry: rt.plainEntry };
}

/** Runs the loop on top of `cur`'s JS stack until `cur` is picked (or, for "run", until nothing is runnable). */
export function hardSuspend(cur: Tasklet, mode: "run" | "block", level: Level = suspension(cur, mode)): void {
  cur.frameState = State.Hard;
  // cur's slice ends here (totaltimeout keeps what it left), as runOne ends a soft one.
  endSlice();
  sched.levels.push(level);
  try {
    loop(level);
  } finally {
    sched.levels.pop();
    rt.nesting = level.nesting;
    rt.depth = level.depth;
    rt.plainEntry = level.entry;
    if (sched.current !== cur) fireSchedule(sched.current, cur);
    sched.current = cur;
    cur.frameState = State.Running;
    // A new slice: without this cur would go on with the budget its predecessor left.
    startSlice();
  }
}

/** What a resumed tasklet receives from the switch: its tempval, or the bomb in it. */
export function deliver(t: Tasklet): unknown {
  const v = t.tempval;
  t.tempval = undefined;
  if (v instanceof Bomb) throw v.error;
  return v;
}

function loop(level: Level): void {
  for (;;) {
    if (hookErrors.length > 0) raiseInMain(hookErrors.shift());
    let t = sched.head;
    if (t === null) {
      // Nothing runnable: the innermost run() returns (Stackless wakes its watchdog).
      const w = innermostWatchdog();
      if (w !== null && floating(w)) {
        if (w === level.owner) return;
        if (w.frameState === State.Soft) {
          ringInsert(w);
          continue;
        }
        // w is suspended in plain code below this level: it can resume only after we return.
      }
      // Only timers can be waited for synchronously; a promise needs runAsync.
      if (idle.waitSync()) continue;
      deadlock(level.owner);
      return;
    }
    if (t === level.owner) return;
    if (t.frameState === State.Hard) {
      // t's JS stack is below ours: it can resume only after we return (LIFO). Run the
      // next one that can, the owner included (it then goes ahead of t: the order
      // differs from Stackless only for plain code, which cannot do better).
      // If our owner can run, return to it: unwinding toward t is the only way t can
      // ever resume, so starting more tasklets on top of the stack would only delay it.
      const other = level.owner.rnext !== null ? level.owner : findRunnableAbove(t, level.owner);
      if (other === null) {
        outOfOrder(level.owner, t);
        return;
      }
      sched.head = other;
      if (other === level.owner) return;
      t = other;
    }
    runOne(t);
  }
}

/** The next runnable tasklet after t that does not need a lower JS stack, or null. */
function findRunnableAbove(t: Tasklet, owner: Tasklet): Tasklet | null {
  for (let u = t.rnext!; u !== t; u = u.rnext!) if (u === owner || u.frameState !== State.Hard) return u;
  return null;
}

function runOne(t: Tasklet): void {
  const prev = sched.current;
  // Stackless calls the schedule callback before the switch: current is still prev.
  if (scheduleHooks.on) fireSchedule(prev === t ? null : prev, t);
  sched.current = t;
  rt.depth = 0;
  rt.plainEntry = null;
  startSlice();
  let r: DriveResult;
  if (t.frameState === State.Soft) {
    // The hot path (kept small so that it inlines into loop): resume the top record
    // with what the switch delivered.
    t.frameState = State.Running;
    rt.nesting = 0;
    const v = t.tempval;
    t.tempval = undefined;
    r = t.resumeHook === null && !(v instanceof Bomb) ? drive(t, v, false) : resumeShaped(t, v);
  } else {
    r = startOne(t);
    if (r === NOT_STARTED) return;
  }
  endSlice();
  if (r.outcome === Outcome.Switched) return;
  die(t, r.outcome === Outcome.Threw, r.value);
}

/** Resumes t with an exception, or with a value its resume hook shapes first. */
function resumeShaped(t: Tasklet, v: unknown): DriveResult {
  let threw = false;
  if (v instanceof Bomb) {
    v = v.error;
    threw = true;
  }
  const hook = t.resumeHook;
  if (hook !== null) {
    // The primitive that switched wants its result shaped (e.g. an iterator result).
    t.resumeHook = null;
    try {
      v = hook(v, threw);
      threw = false;
    } catch (e) {
      v = e;
      threw = true;
    }
  }
  return drive(t, v, threw);
}

const NOT_STARTED: DriveResult = { outcome: Outcome.Returned, value: undefined };

/** Starts a tasklet in state Initial (the cold path of runOne). */
function startOne(t: Tasklet): DriveResult {
  if (t.frameState !== State.Initial) runtimeBug("runOne", `tasklet ${t.id} in state ${t.frameState} is in the ring`);
  if (t.tempval instanceof Bomb) {
    // An exception thrown into a tasklet that never ran: it dies with it at once.
    const e = t.tempval.error;
    t.tempval = undefined;
    die(t, true, e);
    return NOT_STARTED;
  }
  const fn = t.boundFunc!;
  const args = t.boundArgs ?? [];
  t.boundArgs = null;
  t.tempval = undefined;
  t.frameState = State.Running;
  const prim = primitiveCall(fn);
  if (prim !== null) {
    // The tasklet's function is a switching primitive or bound tasklet code
    // (`new Tasklet(ch.send.bind(ch))`, `new Tasklet(this.work.bind(this))`): call its
    // target from a frame of tasklet code, directly, so that it switches softly.
    rt.nesting = 0;
    return start(t, callPrimitive, undefined, [prim.fn, prim.self, prim.args.length === 0 ? args : joinLists(prim.args, args)]);
  }
  rt.nesting = isCompiled(fn) ? 0 : 1;
  return start(t, fn, undefined, args);
}

// ---------------------------------------------------------------------------------
// Switching primitives and bound tasklet code as tasklet functions.

interface PrimitiveCall {
  fn: Function;
  self: unknown;
  args: unknown[];
}

const primitives = new WeakSet<Function>();
/** Bound functions of primitives and of tasklet code: their target, this and arguments. */
const boundPrimitives = new WeakMap<Function, PrimitiveCall>();

/** Marks `fn` as a primitive that may soft-switch when called directly (it compares rt.callee with itself). */
export function registerPrimitive(fn: Function): void {
  primitives.add(fn);
}

// Bound functions hide their target from JavaScript. `rememberBound` is called by the
// tasklet-code call sites of `.bind` (runtime/soft.ts), so `new Tasklet(obj.m.bind(obj))`
// made in tasklet code starts softly. Function.prototype.bind is not replaced: a library
// must not change a built-in every program shares (identity, constructibility, speed).
export function rememberBound(bound: Function, target: Function, self: unknown, args: unknown[]): void {
  if (primitives.has(target) || isCompiled(target)) boundPrimitives.set(bound, { fn: target, self, args });
}
rt.boundTarget = (fn) => (typeof fn === "function" ? boundPrimitives.get(fn)?.fn : undefined);

/**
 * True iff `primitive` was called directly from tasklet code: rt.callee is it, or a
 * function made by its `bind` (a native bound function adds no frame to save).
 */
export function calledDirectly(primitive: unknown): boolean {
  const c = rt.callee;
  return c === primitive || (typeof c === "function" && boundPrimitives.get(c)?.fn === primitive);
}

function primitiveCall(fn: Function): PrimitiveCall | null {
  if (primitives.has(fn)) return { fn, self: undefined, args: [] };
  return boundPrimitives.get(fn) ?? null;
}

/**
 * Tasklet code by hand (docs/frame-protocol.md): calls `fn.apply(self, args)` at a
 * compiled call site; when it switched softly, resuming returns what it delivered.
 */
function callPrimitive(this: unknown, fn: Function, self: unknown, args: unknown[]): unknown {
  if (rt.callee === rt.RESUME) {
    rt.callee = rt.NOBODY;
    return rt.take();
  }
  rt.callee = fn;
  const r = fn.apply(self, args);
  if (rt.unwinding) return rt.save(callPrimitive as never, 1, undefined, []);
  return r;
}
const $m = rt.module("stackless-ts/scheduler");
$m.fn($m.code({ id: "stackless-ts/scheduler#callPrimitive", name: "callPrimitive", hash: "1", vars: [], pcs: [1, 0, 1, 0], line: 1, column: 0 }), callPrimitive);

/** t's bottom frame returned or threw: t is dead; an uncaught error goes to main. */
export function die(t: Tasklet, threw: boolean, value: unknown): void {
  t.frameState = State.Dead;
  if (wd.pending === t) wd.pending = null;
  liveTasklets.delete(t);
  t.top = null;
  t.frameCount = 0;
  t.boundFunc = null;
  ringRemove(t);
  // A dead tasklet stays sched.current until the loop picks the next one.
  if (threw && !(value instanceof TaskletExit)) raiseInMain(value);
}

/**
 * Delivers `error` to the innermost tasklet inside run(), or to main, and makes it run
 * next (Stackless: an uncaught error goes to the current watchdog; test_inner_run_gets_error).
 */
export function raiseInMain(error: unknown): void {
  const m = innermostWatchdog() ?? mainTasklet();
  m.tempval = new Bomb(error);
  wake(m);
}

/** The innermost tasklet inside run(), or null. */
function innermostWatchdog(): Tasklet | null {
  const n = sched.watchdogs.length;
  return n > 0 ? sched.watchdogs[n - 1]! : null;
}

/** Paused: neither runnable nor blocked (Stackless: `next == NULL`), so it can be revived. */
function floating(t: Tasklet): boolean {
  return t.rnext === null && !t.blocked && t.alive;
}

/**
 * Who is revived when the last runnable tasklet blocks or removes itself: the innermost
 * tasklet inside run(), or main (Stackless's schedule_task_block). null if that one
 * cannot be (it is blocked, or it is `cur`): then `cur` gets Deadlock.
 */
export function revivable(cur: Tasklet): Tasklet | null {
  const w = innermostWatchdog() ?? mainTasklet();
  return w !== cur && floating(w) ? w : null;
}

/** Makes t run next: off its channel, into the ring at head. */
export function wake(t: Tasklet): void {
  t.unblock();
  if (t.rnext === null) ringInsert(t);
  sched.head = t;
}

function deadlock(owner: Tasklet): void {
  if (owner === sched.main && !owner.blocked) {
    // Main was only paused (switch(), scheduleRemove()): Stackless revives it when
    // the last runnable tasklet ends (tasklet_end: next = main).
    wake(owner);
    return;
  }
  const ch = owner.blockedOn;
  let msg =
    owner === sched.main && ch !== null
      ? `the main tasklet is ${owner.blockedDir > 0 ? "sending" : "receiving"} without a ${owner.blockedDir > 0 ? "receiver" : "sender"} available (${ch.describe()}).`
      : sched.watchdogs.some((w) => w !== owner)
        ? `tasklet ${owner.id} cannot ${owner.blocked ? `wait on ${owner.describeBlock()}` : "stay paused"}: it ${owner.blocked ? "blocked" : "paused"} from plain code (a hard switch), ` +
          `so its JavaScript stack sits above the run() that would otherwise return now. Compile tasklet ${owner.id}'s code ` +
          `with the stackless-ts plugin so that it can block softly.`
        : `Deadlock: tasklet ${owner.id} waits on ${owner.describeBlock()} and no tasklet is runnable to wake it.`;
  if (idle.hasExternalWaits()) {
    msg += ` Other tasklets wait on promises: drive the scheduler with \`await runAsync()\` so that the event loop can settle them.`;
  }
  owner.tempval = new Bomb(new RuntimeError(msg));
  wake(owner);
}

function outOfOrder(owner: Tasklet, below: Tasklet): void {
  owner.tempval = new Bomb(
    new RuntimeError(
      `tasklet ${owner.id} cannot wait here: tasklet ${below.id} must resume first, but its plain-code frames ` +
        `are below tasklet ${owner.id}'s on the JavaScript stack (a hard switch out of order; tasklet ${below.id} is suspended ` +
        `${plainSite(below)}, tasklet ${owner.id} waits ${plainSite(owner)}). ` +
        `Compile the code between them (the callback's caller) or let tasklet ${owner.id} return to tasklet code before blocking.`,
    ),
  );
  wake(owner);
}

/** Throws the Deadlock RuntimeError when blocking `cur` would leave nothing to run. */
export function checkCanBlock(cur: Tasklet, what: string): void {
  const alone = sched.head === null || (sched.head === cur && cur.rnext === cur);
  if (!alone) return;
  if (revivable(cur) !== null) return;
  if (idle.hasExternalWaits()) return;
  throw new RuntimeError(`Deadlock: the last runnable tasklet cannot be blocked (tasklet ${cur.id}, ${what}).`);
}

/**
 * `run(timeout)` from any tasklet: runs the others until none is runnable (returns
 * null) or the watchdog interrupts one (returns it, out of the queue). Called directly
 * from tasklet code at nesting 0 (`direct`) the caller switches softly: it stays paused
 * (on the watchdog stack) while the others run, even after the caller of an outer run()
 * goes on, and run() returns when it is woken (resumeRun).
 */
export function runScheduler(timeout: number | undefined, opts: WatchdogOptions | number, direct: boolean, primitive: unknown): Tasklet | null {
  const cur = current();
  // Stackless: a timeout <= 0 (the default) means no watchdog; only the first one counts.
  const armed = timeout !== undefined && timeout !== null && timeout > 0 && wd.owner === null;
  if (armed) arm(cur, timeout, opts);
  sched.watchdogs.push(cur);
  ringRemove(cur);
  if (direct && rt.nesting === 0) {
    cur.resumeHook = resumeRun;
    rt.callee = primitive;
    return suspend(cur, primitive) as Tasklet | null;
  }
  const level = suspension(cur, "run");
  try {
    hardSuspend(cur, "run", level);
  } finally {
    if (cur.frameState !== State.Dead && cur.rnext === null) {
      // run() returns with the caller runnable again, in front (it is current).
      ringInsert(cur);
      sched.head = cur;
    }
  }
  const v = cur.tempval;
  cur.tempval = undefined;
  const victim = finishRun(cur, v instanceof Bomb);
  if (v instanceof Bomb) throw v.error;
  return victim;
}

/** The resume hook of a soft run(): what run() returns to its caller. Known to snapshot.ts by number. */
export function resumeRun(v: unknown, threw: boolean): unknown {
  const victim = finishRun(current(), threw);
  if (threw) throw v;
  return victim;
}

/**
 * A tasklet's run() returns (Stackless's RunWatchdogEx after its switch): if it is still
 * on the watchdog stack, pop it and every one above it (those paused are made runnable:
 * their run() returns too); then the interrupted tasklet, if any.
 */
function finishRun(cur: Tasklet, threw: boolean): Tasklet | null {
  const i = sched.watchdogs.lastIndexOf(cur);
  if (i >= 0) {
    while (sched.watchdogs.length > i + 1) {
      const popped = sched.watchdogs.pop()!;
      if (floating(popped)) ringInsert(popped);
    }
    sched.watchdogs.pop();
    if (wd.owner === cur) disarm();
  }
  return threw ? null : takeInterrupted();
}

/** @internal A tasklet rebound or restored elsewhere leaves the watchdog stack. */
export function forgetWatchdog(t: Tasklet): void {
  const i = sched.watchdogs.indexOf(t);
  if (i >= 0) sched.watchdogs.splice(i, 1);
  if (wd.owner === t) disarm();
}

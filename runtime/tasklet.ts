/**
 * Tasklet: a microthread whose frames are plain data while it is not running.
 *
 * States are derived (DESIGN.md): alive = has frames (Initial, Soft, Hard, Running);
 * scheduled = in the ring or blocked on a channel; blocked = on a channel's queue;
 * paused = alive and neither. `state` says only where the frames are (state.ts).
 */
import { rt, type FrameRecord, type FrameStack } from "./protocol.js";
import { RuntimeError, TaskletExit } from "./errors.js";
import { State } from "./state.js";
import {
  sched,
  setMainFactory,
  mainTasklet,
  current,
  ringInsert,
  ringRemove,
  suspend,
  deliver,
  Bomb,
  liveTasklets,
  registerPrimitive,
  forgetWatchdog,
  calledDirectly,
  plainSite,
  checkResumable,
  levelOf,
} from "./scheduler.js";
import { checkPendingIrq } from "./watchdog.js";
import type { Channel } from "./channel.js";
import { frameView, entryView, type Frame } from "./frame.js";
import { constructWith, listOf } from "./lists.js";

/** A block that is not a channel's queue (events.ts owns them). */
export interface ExternalWait {
  /** unique reason (STYLE habit 5): "sleep", "promise" */
  readonly reason: string;
  /** wall-clock deadline (ms since the epoch) for "sleep" */
  readonly until: number;
  describe(): string;
  /** takes the tasklet off whatever it waits on */
  cancel(): void;
}

/** Main's id is fixed, so getCurrentId() is the same before and after main's object exists. */
export const MAIN_ID = 1;
let nextId = MAIN_ID + 1;

export type TaskletFunction = (...args: any[]) => unknown;

export class Tasklet implements FrameStack {
  readonly id: number;
  /** Saved frames, newest first (FrameStack). Known to the trampoline. */
  top: FrameRecord | null = null;
  /** @internal records chained from top (FrameStack) */
  frameCount = 0;
  /** @internal where the frames are */
  frameState: State = State.New;
  /** @internal */
  boundFunc: TaskletFunction | null = null;
  /** @internal arguments bound but not yet passed (state Initial) */
  boundArgs: unknown[] | null = null;
  /** The value passed on the next switch (Stackless's tempval); writable. */
  tempval: unknown = undefined;
  /** @internal Neighbours in the runnables ring, null when not in it (scheduler.ts). */
  rnext: Tasklet | null = null;
  rprev: Tasklet | null = null;
  /** @internal the channel this tasklet waits on, its direction (1 send, -1 receive) */
  blockedOn: Channel<unknown> | null = null;
  blockedDir = 0;
  /** @internal a wait outside channels (sleep, promise): events.ts */
  externalWait: ExternalWait | null = null;
  /** @internal the next tasklet in blockedOn's queue */
  queueNext: Tasklet | null = null;
  /** @internal shapes the value a soft switch delivers on resume (set by the primitive) */
  resumeHook: ((value: unknown, threw: boolean) => unknown) | null = null;
  readonly threadId: number = 0;
  #atomic = false;
  #ignoreNesting = false;
  #blockTrap = false;

  constructor(fn?: TaskletFunction | null) {
    this.id = sched.main === null && creatingMain ? MAIN_ID : nextId++;
    if (fn !== undefined && fn !== null) this.bind(fn);
  }

  // --- binding -------------------------------------------------------------------

  /**
   * As Stackless: `bind()`/`bind(null)` unbinds; `bind(fn)` binds the function (not
   * alive); `bind(fn, args)` or `bind(null, args)` also binds the arguments: alive but
   * paused. RuntimeError on the current or a scheduled tasklet.
   */
  bind(fn?: TaskletFunction | null, args?: ArrayLike<unknown> | null): this {
    // Stackless's order of checks (PyTasklet_BindEx) and the words of its messages.
    if (fn !== undefined && fn !== null && typeof fn !== "function") throw new TypeError(`tasklet ${this.id}: tasklet function must be a callable or None, got ${typeof fn}`);
    if (this.isCurrent) throw new RuntimeError(`tasklet ${this.id}: can't (re)bind the current tasklet`);
    if (this.scheduled) throw new RuntimeError(`tasklet ${this.id}: tasklet is scheduled; remove() it before bind()`);
    if (this.frameState === State.Hard) throw new RuntimeError(`tasklet ${this.id}: tasklet has C state on its stack (it is suspended in plain code, nestingLevel ${this.nestingLevel}, ${plainSite(this)})`);
    if (this.isMain && (args === undefined || args === null)) throw new RuntimeError(`tasklet ${this.id}: can't unbind the main tasklet`);
    const keep = (fn === undefined || fn === null) && args !== undefined && args !== null;
    if (!keep) this.boundFunc = fn ?? null;
    if (this.boundFunc === null && args !== undefined && args !== null) throw new RuntimeError(`tasklet ${this.id}: cannot bind arguments to an unbound tasklet; bind a function first`);
    this.top = null;
    this.resumeHook = null;
    forgetWatchdog(this);
    if (args !== undefined && args !== null) {
      this.boundArgs = listOf(args);
      this.frameState = State.Initial;
      this.tempval = undefined;
      liveTasklets.add(this);
    } else {
      liveTasklets.delete(this);
      this.boundArgs = null;
      this.frameState = State.New;
      this.tempval = this.boundFunc ?? undefined;
    }
    return this;
  }

  /** Binds the arguments and inserts the tasklet into the runnables queue. */
  setup(...args: unknown[]): this {
    if (this.alive) throw new RuntimeError(`tasklet ${this.id}: setup(): tasklet is alive`);
    if (this.boundFunc === null) throw new RuntimeError(`tasklet ${this.id}: setup(): the tasklet was not bound to a function`);
    this.bind(null, args);
    this.insert();
    return this;
  }

  /**
   * Rebinds a tasklet that is not running to another thread (worker_threads.threadId).
   * Only this thread exists for now: binding to it is a no-op; another thread is a
   * RuntimeError saying what to do instead (move it by pickling).
   */
  bindThread(threadId?: number): this {
    if (this.rnext !== null && !this.isCurrent) throw new RuntimeError(`tasklet ${this.id}: cannot bindThread() a runnable tasklet; remove() it first`);
    if (threadId === undefined || threadId === this.threadId) return this;
    throw new RuntimeError(
      `tasklet ${this.id}: bindThread(${threadId}) is not supported yet (stackless-ts runs tasklets on one thread); ` +
        `to move a tasklet to a worker, pickle() it here and unpickle() it there`,
    );
  }

  // --- scheduling ----------------------------------------------------------------

  /** Runs this tasklet now; the current one stays runnable and resumes right after it. */
  run(): unknown {
    return this.#activate(Tasklet.prototype.run, false);
  }

  /** Runs this tasklet now and pauses the current one (removed from the queue). */
  switch(): unknown {
    return this.#activate(Tasklet.prototype.switch, true);
  }

  #activate(primitive: unknown, pauseCaller: boolean): unknown {
    const cur = current();
    if (this === cur) {
      // Stackless: switching to oneself switches nothing and returns one's tempval.
      rt.callee = rt.NOBODY;
      return deliver(cur);
    }
    this.#checkRunnable(pauseCaller ? "switch to" : "run");
    // throw() checked before it changed anything.
    if (primitive !== Tasklet.prototype.throw) checkResumable(this, pauseCaller ? "switch to" : "run", primitive);
    // Stackless (impl_tasklet_run_remove): a tasklet not in the queue is inserted at its
    // end, just before the caller, which so runs right after it; one already queued
    // keeps its place, and the queue goes on from there.
    if (this.rnext === null) {
      if (cur.rnext !== null) sched.head = cur;
      ringInsert(this);
    }
    sched.head = this;
    if (pauseCaller) ringRemove(cur);
    return suspend(cur, primitive);
  }

  #checkRunnable(what: string): void {
    if (this.frameState === State.Dead) throw new RuntimeError(`cannot ${what} dead tasklet ${this.id}`);
    if (this.blocked) throw new RuntimeError(`cannot ${what} tasklet ${this.id}: it is blocked on ${this.describeBlock()}`);
    if (!this.alive) throw new RuntimeError(`cannot ${what} tasklet ${this.id}: an unbound(dead) tasklet, not alive (bind a function and arguments, or setup())`);
  }

  /** Leaves the runnables queue. Returns this. */
  remove(): this {
    if (this.blocked) throw new RuntimeError(`tasklet ${this.id}: cannot remove a blocked tasklet (it waits on ${this.describeBlock()})`);
    if (this.isCurrent) throw new RuntimeError(`tasklet ${this.id}: the current tasklet cannot be removed; use scheduleRemove()`);
    ringRemove(this);
    return this;
  }

  /** Joins the end of the runnables queue. RuntimeError on a blocked or dead tasklet. */
  insert(): this {
    mainTasklet(); // main is in the ring from the start, as in Stackless (t.rprev is main after setup())
    if (this.frameState === State.Dead) throw new RuntimeError(`cannot insert dead tasklet ${this.id}`);
    if (this.blocked) throw new RuntimeError(`cannot insert tasklet ${this.id}: it is blocked on ${this.describeBlock()}`);
    if (!this.alive) throw new RuntimeError(`cannot insert tasklet ${this.id}: an unbound(dead) tasklet, not alive (bind a function and arguments first)`);
    if (this.rnext === null) ringInsert(this);
    return this;
  }

  // --- exceptions ----------------------------------------------------------------

  /** Raises `new Klass(...args)` inside this tasklet and runs it. */
  raiseException(Klass: new (...a: any[]) => unknown, ...args: unknown[]): unknown {
    // Called directly from tasklet code, throw() may soft-switch: hand that on, after
    // constructing the error (a compiled constructor resets rt.callee).
    const direct = calledDirectly(Tasklet.prototype.raiseException);
    const error = constructWith(Klass, args);
    rt.callee = direct ? Tasklet.prototype.throw : rt.NOBODY;
    return this.throw(error);
  }

  /** Raises `error` inside this tasklet; runs it now unless `pending`. */
  throw(error: unknown, options: { pending?: boolean } = {}): unknown {
    if (this.frameState === State.Dead) {
      if (error instanceof TaskletExit) return undefined;
      throw new RuntimeError(`cannot throw into dead tasklet ${this.id}`);
    }
    if (this.isCurrent) throw error;
    if (!this.alive) {
      // Stackless: TaskletExit ends a tasklet, so throwing it into one that never ran is no error.
      if (error instanceof TaskletExit) return undefined;
      throw new RuntimeError(`cannot throw into tasklet ${this.id}: it was never started (bind arguments first)`);
    }
    if (!options.pending) checkResumable(this, error instanceof TaskletExit ? "kill" : "throw into", Tasklet.prototype.throw);
    this.unblock();
    this.tempval = new Bomb(error);
    if (options.pending) {
      if (this.rnext === null) ringInsert(this);
      return undefined;
    }
    return this.#activate(Tasklet.prototype.throw, false);
  }

  /** Raises TaskletExit inside this tasklet; a tasklet that never started just dies. */
  kill(options: { pending?: boolean } = {}): unknown {
    if (this.frameState === State.Dead || this.frameState === State.New) {
      if (this.frameState === State.New) this.bind(null);
      return undefined;
    }
    // A tasklet that never ran is switched to like any other and dies at once without
    // running its function (runOne): as in Stackless, the queue then goes on from it.
    const direct = calledDirectly(Tasklet.prototype.kill);
    const error = new TaskletExit(`tasklet ${this.id} killed`);
    rt.callee = direct ? Tasklet.prototype.throw : rt.NOBODY;
    return this.throw(error, options);
  }

  // --- flags ---------------------------------------------------------------------

  get atomic(): boolean {
    return this.#atomic;
  }
  /** Atomic tasklets are never interrupted by the watchdog. Returns the previous value. */
  setAtomic(flag: boolean): boolean {
    const prev = this.#atomic;
    this.#atomic = !!flag;
    checkPendingIrq(this);
    return prev;
  }
  get ignoreNesting(): boolean {
    return this.#ignoreNesting;
  }
  setIgnoreNesting(flag: boolean): boolean {
    const prev = this.#ignoreNesting;
    this.#ignoreNesting = !!flag;
    checkPendingIrq(this);
    return prev;
  }
  get blockTrap(): boolean {
    return this.#blockTrap;
  }
  setBlockTrap(flag: boolean): boolean {
    const prev = this.#blockTrap;
    this.#blockTrap = !!flag;
    return prev;
  }

  // --- derived state -------------------------------------------------------------

  get isMain(): boolean {
    return this.id === MAIN_ID;
  }
  get isCurrent(): boolean {
    return sched.current === this || (sched.current === null && this.isMain);
  }
  get alive(): boolean {
    return this.frameState !== State.New && this.frameState !== State.Dead;
  }
  get blocked(): boolean {
    return this.blockedOn !== null || this.externalWait !== null;
  }
  get scheduled(): boolean {
    return this.rnext !== null || this.blocked;
  }

  /**
   * Neighbours as Stackless shows them: in the runnables ring, or, for a tasklet blocked
   * on a channel, in that channel's queue (FIFO); null otherwise.
   */
  get next(): Tasklet | null {
    return this.rnext ?? this.queueNext;
  }
  get prev(): Tasklet | null {
    if (this.rprev !== null || this.blockedOn === null) return this.rprev;
    const q = this.blockedOn.waiting();
    const i = q.indexOf(this);
    return i > 0 ? q[i - 1]! : null;
  }

  /** @internal What it waits on, for messages: "channel 3", "sleep until …", "a promise". */
  describeBlock(): string {
    if (this.blockedOn !== null) return this.blockedOn.describe();
    if (this.externalWait !== null) return this.externalWait.describe();
    return "nothing";
  }

  /** @internal Takes it off the channel queue or external wait it is blocked on. */
  unblock(): void {
    if (this.blockedOn !== null) this.blockedOn.unblock(this);
    if (this.externalWait !== null) {
      const w = this.externalWait;
      this.externalWait = null;
      w.cancel();
    }
  }
  get paused(): boolean {
    return this.alive && !this.scheduled && !this.isCurrent;
  }
  /**
   * Tasklet-code frames on its stack: its saved records, and for the current tasklet (or
   * one suspended in plain code) the compiled frames live on the JS stack.
   */
  get recursionDepth(): number {
    let n = 0;
    for (let r = this.top; r !== null; r = r.back) n++;
    if (this.isCurrent) return n + rt.depth;
    if (this.frameState === State.Hard) return n + (levelOf(this)?.depth ?? 0);
    return n;
  }
  /** Plain-code segments on its stack. */
  get nestingLevel(): number {
    if (this.isCurrent) return rt.nesting;
    if (this.frameState === State.Hard) {
      return levelOf(this)?.nesting ?? 1;
    }
    return 0;
  }
  /** True iff unpickle(pickle(this)) gives a tasklet that can run on. */
  get restorable(): boolean {
    if (this.externalWait !== null && this.externalWait.reason === "promise") return false;
    // Stackless: only a hard-switched tasklet is not; a dead or unbound one is (test_functionality).
    if (this.frameState === State.Hard) return false;
    if (this.isCurrent) return rt.nesting === 0;
    return true;
  }
  /**
   * The newest saved frame, or null (the current tasklet's live frames are not visible);
   * suspended in plain code, the callback plain code called (frame.ts entryView).
   */
  get frame(): Frame | null {
    if (this.frameState === State.Hard) return entryView(levelOf(this)?.entry ?? null);
    return frameView(this.top);
  }

  toString(): string {
    return `<tasklet ${this.id}${this.isMain ? " main" : ""}>`;
  }
}

for (const p of [Tasklet.prototype.run, Tasklet.prototype.switch, Tasklet.prototype.throw, Tasklet.prototype.raiseException, Tasklet.prototype.kill]) registerPrimitive(p);

let creatingMain = false;
setMainFactory(() => {
  creatingMain = true;
  try {
    return new Tasklet();
  } finally {
    creatingMain = false;
  }
});

/** `tasklet(fn)` = `new Tasklet(fn)`. */
export function tasklet(fn?: TaskletFunction | null): Tasklet {
  return new Tasklet(fn);
}

export { mainTasklet };

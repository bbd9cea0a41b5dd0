/**
 * The frame protocol: the only part of the runtime that compiled code calls.
 *
 * Known to compiler: docs/frame-protocol.md is the contract; a change here must also be
 * made in compiler/emit/* and in that document, and bumps PROTOCOL_VERSION.
 *
 * Invariants
 * - `rt` has a fixed shape (every field is created in its literal) so that the loads
 *   compiled code does on every call stay monomorphic.
 * - `rt.unwinding` is true only between a switch/overflow deciding to unwind and the
 *   trampoline (`drive`) taking the records, or between a generator body's `yield`
 *   (`rt.yielding` too) and its caller taking the body's one record (`takeYield`: the
 *   generator's driver, or `drive` when it had resumed the body); no user code runs in
 *   between.
 * - The unwind chain `head..tail` holds the records saved by the current unwind,
 *   innermost first, linked through `back`; `tail.back` is null until `drive` links it
 *   above the records the stack already had.
 * - A switch soft-unwinds only when `rt.nesting === 0` and the primitive was called
 *   directly from compiled code (`rt.callee === primitive`); otherwise it is hard
 *   (runtime/nesting.ts) and returns normally.
 */
import { runtimeBug } from "./bug.js";
import { iterate, iterResult, linkGenerator, method, newGenerator, notFunction, takeRaw, YIELDED } from "./generator.js";
import { isAsyncGeneratorFunction, linkAsyncWrapper, newAsyncGenerator, requestOp } from "./async-generator.js";
import { asyncIterate } from "./async-iteration.js";
import { cursor, sourced } from "./collection-cursor.js";
import { coercible, objectRest, toKey } from "./destructuring.js";
import { respread } from "./lists.js";
import { CODE, ENV } from "./keys.js";
import { registerPrivates, type PrivateState } from "./private-state.js";
import { noteFactory, registerHome, registerLocalClass, registerMember } from "./local-classes.js";

export { CODE, ENV };
/**
 * CODE as a module-local constant: a keyed store or load under an imported binding pays
 * a module-variable load each time (about 12 instructions per store, callgrind);
 * under a local const it costs what a named property does.
 */
const codeKey: typeof CODE = CODE;

export const PROTOCOL_VERSION = 8;

/** A function's static description, emitted once per function by the compiler. */
export interface CodeInfo {
  /** module id + "#" + function path: stable across builds. */
  readonly id: string;
  readonly name: string;
  /** hash of the function's original text; a mismatch on restore is CodeChangedError. */
  readonly hash: string;
  /** slot names of FrameRecord.vars, in order. */
  readonly vars: readonly string[];
  /** line, column (original source) for each pc: pcs[2*pc], pcs[2*pc+1]. */
  readonly pcs: readonly number[];
  readonly line: number;
  readonly column: number;
}

export interface CodeRecord extends CodeInfo {
  readonly module: ModuleRegistry;
  /** Rebuilds a closure of this code around an environment (nested functions). */
  factory: ((env: unknown) => CompiledFunction) | null;
  /** `factory` makes a class evaluated in a function (`$m.classFactory`): never called as a closure's. */
  classFactory?: boolean;
  /** The one function object of module-level code. */
  fn: CompiledFunction | null;
}

/** A function of tasklet code: its code record, and a closure's environment (runtime/keys.ts). */
export type CompiledFunction = Function & { [CODE]: CodeRecord; [ENV]?: unknown };

/** One suspended activation. Known to compiler (rt.save arguments). */
export interface FrameRecord {
  fn: CompiledFunction;
  /** resume point; 0 restarts the function at its entry (after rt.overflow) */
  pc: number;
  self: unknown;
  vars: unknown[];
  /** set when the activation was a `new` call of a plain `function` */
  newTarget: unknown;
  back: FrameRecord | null;
}

/** What `drive` runs: a tasklet's saved frames, or a nested segment's. */
export interface FrameStack {
  top: FrameRecord | null;
  /** How many records `top` chains (bounds recursion: rt.maxFrames). */
  frameCount: number;
}

const RESUME = Object.freeze({ toString: () => "[stackless resume]" });
const NOBODY = Object.freeze({ toString: () => "[stackless nobody]" });
/** Returned by unwinding frames; an object so that a constructor may return it. */
const UNWIND = Object.freeze({ toString: () => "[stackless unwind]" });

/**
 * Hooks the scheduler installs. The protocol knows no tasklets: `tick` is the watchdog's
 * entry (it may switch, soft or hard), `onNestedEnter/Exit` let the scheduler keep
 * per-tasklet nesting.
 */
export interface ProtocolHooks {
  /** `direct`: tick was called at a compiled call site (a soft switch is possible). */
  tick(direct: boolean): unknown;
}

const hooks: ProtocolHooks = {
  tick() {
    rt.budget = BUDGET_IDLE;
    return undefined;
  },
};

/** Budget between ticks when no watchdog is armed: large, so ticks are rare. */
export const BUDGET_IDLE = 0x3fffffff;

export const rt = {
  callee: NOBODY as unknown,
  unwinding: false,
  /** The record being resumed; valid in the prologue of the resumed function. */
  frame: null as FrameRecord | null,
  /** Compiled frames on the JS stack since the trampoline (or segment) entry. */
  depth: 0,
  maxDepth: 1500,
  /**
   * Records one stack may hold: past it, the call that would go deeper throws RangeError,
   * as native recursion does past the JS stack (heap, not stack, is the limit here).
   */
  maxFrames: 3_000_000,
  /** Records saved by the current unwind (added to the stack's count when linked). */
  saved: 0,
  /**
   * Instructions left before compiled code calls tick(). Always an int32, at most
   * BUDGET_IDLE: compiled charges truncate (`b = b - k | 0`), and whoever sets it keeps
   * to that (watchdog.ts setBudget holds a longer slice's rest).
   */
  budget: BUDGET_IDLE,
  /** Open plain-code segments on the current tasklet's stack (its nestingLevel). */
  nesting: 0,
  /**
   * The tasklet-code function that plain code called back last on the current tasklet's
   * stack (null: none), which nesting errors name (scheduler.ts plainSite). Set by
   * `nested` and `runGeneratorSegment`, which restore the one they found; per tasklet as
   * `nesting` is (the scheduler clears it for each tasklet it runs, a hard suspension
   * keeps it in its Level). Two field stores per call from plain code, where an array
   * made the callbacks benchmark 12% (push/pop) to 58% (truncated through `length`)
   * slower in instructions, and no write that accessors program code put on
   * Array.prototype's indexes could see (test262 statements/for-in/head-lhs-let.js).
   */
  plainEntry: null as Function | null,
  /**
   * The watchdog deferred an interrupt of the current tasklet until it is back at
   * nestingLevel 0 (watchdog.ts deferNested): the segment that returns to level 0 sets
   * the budget to -1, so the next check there ticks. The recheck budget the deferral
   * gave cannot tell: a call-free loop below the segment holds a chunk of the budget in
   * its local counter (`$n`, rule 9), and the segments it enters at every iteration (a
   * getter, `valueOf`) would refill rt.budget before that chunk is settled, so the loop
   * never saw the budget spent. Cleared at every slice start (watchdog.ts startSlice).
   */
  tickAtLevel0: false,
  /** Testing: every tick unwinds to the trampoline and resumes (a switch at every call). */
  forceUnwind: false,
  /**
   * Unpickling is constructing an object only for the brands of its classes' private
   * state (runtime/private-state.ts): the constructors and field initializers of compiled
   * classes with private state then run nothing of the program.
   */
  restoring: false,
  /** The unwind chain being built, innermost first. */
  head: null as FrameRecord | null,
  tail: null as FrameRecord | null,
  /** Why the current unwind happens: true = continue the same stack at once. */
  continueSame: false,
  /** What rt.take() delivers to the resumed call site. */
  value: undefined as unknown,
  error: undefined as unknown,
  threw: false,
  RESUME: RESUME as unknown,
  NOBODY: NOBODY as unknown,
  UNWIND: UNWIND as unknown,
  /** The own key of a closure's environment: its factory does `$f[$ENV] = $o` (runtime/keys.ts). */
  ENV,
  save,
  take,
  nested,
  overflow,
  tick,
  chunk,
  refill,
  module: moduleRegistry,
  // Compiled async functions (docs/frame-protocol.md "Async functions").
  /** The async function an `await f()` call site (or a stack's start) runs inline. */
  awaiting: NOBODY as unknown,
  /** The compiled async function that just returned inline; read once by `done`. */
  returned: NOBODY as unknown,
  done,
  /**
   * At `await f()`, f threw: the value the await then waits on instead, or a rethrow
   * (events.ts installs it: an inline compiled async f's exception becomes a rejection
   * in tasklets that keep native ordering).
   */
  failed: rethrow as (fn: unknown, error: unknown) => unknown,
  /** `await x` that did not complete inline: blocks the current tasklet (events.ts installs `wait`). */
  wait: asyncNotLoaded as (value: unknown) => unknown,
  /** A compiled async function called any other way: runs in a new tasklet, returns a promise (events.ts). */
  spawn: asyncNotLoaded as (fn: Function, self: unknown, args: ArrayLike<unknown>) => unknown,
  /** The tasklet-code version of a built-in that calls back, or `fn` (runtime/soft.ts). */
  soft: ((fn: unknown, _receiver: unknown) => fn) as (fn: unknown, receiver: unknown) => unknown,
  /** The target of a bound function made in tasklet code, else undefined (scheduler.ts installs it; see nested). */
  boundTarget: ((_fn: unknown) => undefined) as (fn: unknown) => Function | undefined,
  // Compiled generators (docs/frame-protocol.md "Generators").
  /** The current unwind is a `yield` of a generator body (its one record is the chain). */
  yielding: false,
  /** What the yield hands out, and whether it is an iterator result to pass through (`yield*`). */
  yieldValue: undefined as unknown,
  yieldRaw: false,
  /** The body's record taken off the chain by `takeYield`, read at once by the generator's driver. */
  yieldFrame: null as FrameRecord | null,
  /** The resumed `yield` must complete as `return <delivered value>` (generator.return()). */
  genReturn: false,
  yieldOp,
  /** The wrapper's `yield*` operand: the state record of a new generator (runtime/generator.ts). */
  gen: newGenerator,
  // Compiled `yield*` (runtime/generator.ts).
  iterate,
  iterResult,
  method,
  // Object patterns taken apart (runtime/destructuring.ts).
  coercible,
  toKey,
  objectRest,
  /** A list compiled code collected, spread again without the program's iterators (runtime/lists.ts). */
  respread,
  notFunction,
  takeRaw,
  /** How the last `takeRaw` was resumed: 0 next, 1 throw, 2 return. */
  lastKind: 0,
  // Compiled async generators (docs/frame-protocol.md "Async generators").
  /** The wrapper's state record, made when it first runs (runtime/async-generator.ts). */
  agen: newAsyncGenerator,
  /** A request of an async generator body (await, yield, yield*, return): unwinds its record. */
  aop: requestOp,
  /** GetIterator(obj, async) for a compiled `for await` (runtime/async-iteration.ts). */
  asyncIterate,
  // Compiled for-of over a Map, Set or `x.entries()/keys()/values()`: a picklable cursor
  // over the native iterator (runtime/collection-cursor.ts).
  cursor,
  sourced,
};

function rethrow(_fn: unknown, error: unknown): never {
  throw error;
}

function asyncNotLoaded(): never {
  throw new Error("stackless-ts: compiled async functions need the runtime's event support (import \"stackless-ts\")");
}

/**
 * At an `await f()` site, right after f returned: true iff f was a compiled async
 * function that ran inline and returned `value` itself (not a thenable), so the await
 * completes with it at once. Resets `rt.returned`.
 */
function done(fn: unknown, value: unknown): boolean {
  const inline = rt.returned === fn;
  rt.returned = NOBODY;
  if (!inline) return false;
  if ((typeof value !== "object" || value === null) && typeof value !== "function") return true;
  return typeof (value as { then?: unknown }).then !== "function";
}

// Hard mode (STYLE habit 14): STACKLESS_HARD=1 makes every tick unwind to the
// trampoline and resume, so every frame is saved and restored at every call and loop
// iteration. Programs must print exactly what they print without it.
if (typeof process !== "undefined" && process.env?.STACKLESS_HARD === "1") {
  rt.forceUnwind = true;
  rt.budget = -1;
}

/**
 * `yield v` in a compiled generator body: an unwind whose chain is the body's own record
 * (yield stands only in the body itself, never in a callee). Whoever called the body (the
 * generator's driver, or the trampoline that resumed it after a switch) takes the record
 * with `takeYield` and sees the call complete with YIELDED. Known to compiler.
 */
function yieldOp(value: unknown, raw: boolean): unknown {
  rt.callee = NOBODY;
  rt.yieldValue = value;
  rt.yieldRaw = raw;
  rt.yielding = true;
  rt.unwinding = true;
  return UNWIND;
}

/** Ends a yield's unwind: its record goes to rt.yieldFrame. Returns YIELDED. */
export function takeYield(): unknown {
  const rec = rt.head;
  if (rec === null || rec !== rt.tail) runtimeBug("takeYield", "a yield saved other than one frame");
  rt.head = rt.tail = null;
  rt.saved = 0;
  rt.unwinding = false;
  rt.yielding = false;
  rt.yieldFrame = rec;
  return YIELDED;
}

/** Appends the calling frame's record to the unwind chain. Known to compiler. */
function save(fn: CompiledFunction, pc: number, self: unknown, vars: unknown[], newTarget?: unknown): unknown {
  const rec: FrameRecord = { fn, pc, self, vars, newTarget, back: null };
  rt.saved++;
  if (rt.tail === null) rt.head = rec;
  else rt.tail.back = rec;
  rt.tail = rec;
  return UNWIND;
}

/** At a resumed call site: the value delivered to this frame, or the error thrown. */
function take(): unknown {
  if (rt.threw) {
    const e = rt.error;
    rt.threw = false;
    rt.error = undefined;
    throw e;
  }
  const v = rt.value;
  rt.value = undefined;
  return v;
}

/**
 * Starts an unwind that the trampoline answers by resuming the same stack at once
 * (no switch): used when the JS stack is too deep, and by `forceUnwind` testing.
 * The caller must be a directly called compiled frame at nesting 0 or inside a
 * segment (segments drive their own records).
 */
function unwindAndContinue(): unknown {
  rt.unwinding = true;
  rt.continueSame = true;
  return UNWIND;
}

/** Prologue past rt.maxDepth: restart `fn` at pc 0 from a fresh, shallow JS stack. */
function overflow(fn: CompiledFunction, self: unknown, vars: unknown[], newTarget?: unknown): unknown {
  save(fn, 0, self, vars, newTarget);
  return unwindAndContinue();
}

/**
 * Local counting (protocol rule 9): a call-free loop nest charges a local counter, taken
 * from rt.budget by chunk() when it starts, settled by refill() when it runs out, given
 * back when the nest ends. Two things decide the chunk:
 * - Exact counting (a watchdog is armed, or a tick may be requested from outside): the
 *   chunk is at most the budget, so the nest ticks exactly where global counting would;
 *   with async ticks at most ASYNC_CHUNK, so a budget written from a V8 interrupt (cli
 *   `--save` on a busy loop) is seen within that many instructions.
 * - Otherwise nobody reads the count, and the chunk is IDLE_CHUNK whatever the budget:
 *   a nest then settles only after IDLE_CHUNK instructions in one go. Why: the first
 *   time V8 sees a loop's refill/tick branch taken it deoptimises the function, and once
 *   it has seen it taken it compiles the call in, which costs a tight loop half its speed;
 *   with the whole budget as chunk (about 1e9) the branch is taken every second or so.
 *   The budget the nest gives back may then be negative: the next check ticks, and the
 *   idle tick resets it.
 */
const ASYNC_CHUNK = 1000;
const IDLE_CHUNK = 0x3fffffff;
const exact = { watchdog: false, async: false };

/** The watchdog is armed (runtime/watchdog.ts): counts must be exact. */
export function watchdogArmed(on: boolean): void {
  exact.watchdog = on;
}

/** Something may now set rt.budget from outside at any moment (cli/stop.ts: SIGINT on a busy loop). */
export function asyncTicks(on: boolean): void {
  exact.async = on;
}

/** The local counter of a call-free loop nest starting (`$n = $rt.chunk()`). */
function chunk(): number {
  const b = rt.budget;
  if (!exact.watchdog && !exact.async && !rt.forceUnwind && b >= 0) {
    rt.budget = b - IDLE_CHUNK;
    return IDLE_CHUNK;
  }
  // At most ±IDLE_CHUNK, so $n is always an int32: counted loops shift it and truncate
  // their charge (compiler/emit/control.ts fits()). The rest stays in rt.budget, so
  // counts stay exact.
  const cap = exact.async ? ASYNC_CHUNK : IDLE_CHUNK;
  const c = b > cap ? cap : b < -IDLE_CHUNK ? -IDLE_CHUNK : b;
  rt.budget = b - c;
  return c;
}

/**
 * The local counter ran out (n < 0): settles it with rt.budget, so the budget is exact
 * again; returns a negative number when the budget is spent (the caller ticks), else the
 * next chunk.
 */
function refill(n: number): number {
  rt.budget += n;
  return rt.budget < 0 ? -1 : chunk();
}

function tick(): unknown {
  const direct = rt.callee === tick;
  rt.callee = NOBODY;
  if (rt.forceUnwind) {
    rt.budget = -1;
    return direct ? unwindAndContinue() : undefined;
  }
  return hooks.tick(direct);
}

/** Lets the scheduler replace the watchdog entry. Returns the previous hooks. */
export function installHooks(h: Partial<ProtocolHooks>): ProtocolHooks {
  const prev = { ...hooks };
  Object.assign(hooks, h);
  return prev;
}

/**
 * Takes the records of the unwind that just ended and links them above `stack.top`.
 * Returns whether the same stack should continue at once (overflow / forced unwind).
 */
export function takeUnwound(stack: FrameStack): boolean {
  const head = rt.head;
  const tail = rt.tail;
  const same = rt.continueSame;
  rt.unwinding = false;
  rt.continueSame = false;
  rt.head = rt.tail = null;
  if (head === null || tail === null) runtimeBug("takeUnwound", "an unwind saved no frame");
  tail.back = stack.top;
  stack.top = head;
  stack.frameCount += rt.saved;
  rt.saved = 0;
  if (same && stack.frameCount > rt.maxFrames && head.pc === 0) {
    // Too deep: the frame that was about to start (an overflow record restarts at pc 0)
    // never runs; its call site gets RangeError, as native recursion does.
    stack.top = head.back;
    stack.frameCount--;
    tooDeep = new RangeError(`Maximum call stack size exceeded (${rt.maxFrames} frames of tasklet code; rt.maxFrames)`);
  }
  return same;
}

/** Set by takeUnwound when a stack outgrew rt.maxFrames: drive delivers it. */
let tooDeep: RangeError | null = null;

/** Result of `drive`: the stack finished (value or error) or a switch unwound it. */
export const Outcome = { Returned: 0, Threw: 1, Switched: 2 } as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

export interface DriveResult {
  outcome: Outcome;
  value: unknown;
}

const driveResult: DriveResult = { outcome: Outcome.Returned as Outcome, value: undefined };

/**
 * The trampoline: resumes the records of `stack` one at a time, top first, delivering
 * each return value (or error) to the record below, until the stack is empty or a
 * switch unwinds it. Never recurses, so the JS stack depth does not grow with switches
 * or with recursion in tasklet code. The returned object is reused: read it at once.
 */
export function drive(stack: FrameStack, value: unknown, threw: boolean): DriveResult {
  for (;;) {
    const r = stack.top;
    if (r === null) {
      driveResult.outcome = threw ? Outcome.Threw : Outcome.Returned;
      driveResult.value = value;
      return driveResult;
    }
    stack.top = r.back;
    stack.frameCount--;
    rt.frame = r;
    rt.callee = RESUME;
    rt.depth = 0;
    rt.value = threw ? undefined : value;
    rt.error = threw ? value : undefined;
    rt.threw = threw;
    try {
      value = r.fn.call(r.self);
      threw = false;
    } catch (e) {
      value = e;
      threw = true;
      // A throw while frames unwind would lose records: it cannot happen, since
      // unwinding only returns. Reset anyway so the error reaches the caller.
      if (rt.unwinding) runtimeBug("drive", "a frame threw while unwinding");
    }
    rt.frame = null;
    if (rt.unwinding) {
      if (rt.yielding) {
        // A generator body yielded: its caller (the record below, or the segment's
        // driver when there is none) sees the call complete with YIELDED.
        value = takeYield();
        threw = false;
        continue;
      }
      if (!takeUnwound(stack)) {
        driveResult.outcome = Outcome.Switched;
        driveResult.value = undefined;
        return driveResult;
      }
      value = tooDeep ?? undefined;
      threw = tooDeep !== null;
      tooDeep = null;
      continue;
    }
    // A resumed `new` of a plain function: the value of the `new` expression is the
    // object unless the body returned another object.
    if (!threw && r.newTarget !== undefined && !isObject(value)) value = r.self;
  }
}

function isObject(v: unknown): boolean {
  return (typeof v === "object" && v !== null) || typeof v === "function";
}

/**
 * Calls `fn` as compiled code is called at a call site, then drives whatever it
 * unwound until it is done. Returns the result or throws. A switch that unwinds out of
 * here (one that is not an overflow) is returned as `Outcome.Switched` with the stack
 * left in `stack`, for the scheduler to keep.
 */
export function start(stack: FrameStack, fn: Function, self: unknown, args: ArrayLike<unknown>, newTarget?: Function): DriveResult {
  let value: unknown;
  let threw = false;
  rt.callee = fn;
  // The bottom of a stack runs a compiled async function inline (its own tasklet).
  rt.awaiting = fn;
  try {
    value = newTarget !== undefined ? Reflect.construct(fn, args, newTarget) : fn.apply(self, args);
  } catch (e) {
    value = e;
    threw = true;
  }
  if (rt.unwinding) {
    if (rt.yielding) {
      driveResult.outcome = Outcome.Returned;
      driveResult.value = takeYield();
      return driveResult;
    }
    if (!takeUnwound(stack)) {
      driveResult.outcome = Outcome.Switched;
      driveResult.value = undefined;
      return driveResult;
    }
    const e = tooDeep;
    tooDeep = null;
    return drive(stack, e ?? undefined, e !== null);
  }
  driveResult.outcome = threw ? Outcome.Threw : Outcome.Returned;
  driveResult.value = value;
  return driveResult;
}

/**
 * The prologue's answer to a nested call (plain code called tasklet code): runs `fn`
 * as a new segment. Inside it every switch is hard (rt.nesting > 0), so the only
 * unwinds are overflows, which this segment drives itself.
 */
function nested(fn: Function, self: unknown, args: ArrayLike<unknown>, newTarget: Function | undefined): unknown {
  // A compiled call site called a bound function of fn (`const h = o.m.bind(o); h()`):
  // the native bound function adds no code of its own before or after fn, so this is a
  // direct call and fn may switch softly. (Constructing keeps the nested path, as any
  // `new` of a plain callee does.)
  if (newTarget === undefined && rt.boundTarget(rt.callee) === fn) {
    rt.callee = fn;
    return fn.apply(self, args);
  }
  // The marker of a direct call whose callee has not started yet: the engine runs tasklet
  // code between a compiled `new C()` and C's constructor (field initializers, default
  // values), and C must still find the marker afterwards, else its body runs nested (hard
  // switches, not restorable). Restored only when fn returns: if it throws, C never runs.
  const pending = rt.callee;
  const depth = rt.depth;
  rt.nesting++;
  const outer = rt.plainEntry;
  rt.plainEntry = fn;
  const stack: FrameStack = { top: null, frameCount: 0 };
  try {
    // A leaf charges its entry unchecked (rule 9); plain code calling one in a loop
    // would otherwise never be checked. At nesting > 0 the tick cannot unwind.
    if (rt.budget < 0) tick();
    const value = segmentValue(start(stack, fn, self, args, newTarget), "nested");
    rt.callee = pending;
    return value;
  } finally {
    rt.plainEntry = outer;
    leaveSegment();
    rt.depth = depth;
  }
}

/** `name (file:line)` of a function that plain code called back, for error messages. */
export function describeEntry(fn: Function): string {
  const code = (fn as Partial<CompiledFunction>)[CODE];
  if (code !== undefined) return `${code.name || "<anonymous>"} (${code.module.id}:${code.line})`;
  return fn.name || "<anonymous>";
}

/** How a segment with plain code below it ended: its value, or its exception thrown on. */
function segmentValue(r: DriveResult, where: string): unknown {
  if (r.outcome === Outcome.Switched) runtimeBug(where, "a soft switch unwound a segment with plain code below it");
  if (r.outcome === Outcome.Threw) throw r.value;
  return r.value;
}

/**
 * The native driver's step of a compiled generator (runtime/generator.ts): runs its body
 * as a nested segment, from its start (`frame` null: `body.apply(self, args)`) or from
 * the yield whose record is `frame`, delivering `value` (thrown if `threw`; as a return
 * completion if `ret`). Returns YIELDED (details in rt.yieldValue/yieldRaw/yieldFrame) or
 * the body's return value; throws what the body throws. Plain code (the native
 * generator) is below, so every switch inside is hard, as in `nested`.
 */
export function runGeneratorSegment(body: Function, self: unknown, args: ArrayLike<unknown>, frame: FrameRecord | null, value: unknown, threw: boolean, ret: boolean): unknown {
  const depth = rt.depth;
  rt.nesting++;
  const outer = rt.plainEntry;
  rt.plainEntry = body;
  const stack: FrameStack = { top: null, frameCount: 0 };
  try {
    let r: DriveResult;
    if (frame === null) {
      r = start(stack, body, self, args);
    } else {
      frame.back = null;
      stack.top = frame;
      stack.frameCount = 1;
      rt.genReturn = ret;
      r = drive(stack, value, threw);
    }
    return segmentValue(r, "runGeneratorSegment");
  } finally {
    rt.plainEntry = outer;
    rt.genReturn = false;
    leaveSegment();
    rt.depth = depth;
  }
}

/**
 * A plain-code segment ends (rt.nesting one less). Back at nestingLevel 0 while an
 * interrupt waits for it (rt.tickAtLevel0), the next check ticks.
 */
function leaveSegment(): void {
  if (--rt.nesting === 0 && rt.tickAtLevel0) {
    rt.tickAtLevel0 = false;
    rt.budget = -1;
  }
}

/**
 * Runs a function to completion outside any scheduler: a segment of its own.
 * For tools and tests (compiler exec tests use it with `rt.forceUnwind`).
 */
export function runToCompletion(fn: Function, self: unknown = undefined, args: ArrayLike<unknown> = []): unknown {
  const depth = rt.depth;
  const stack: FrameStack = { top: null, frameCount: 0 };
  try {
    let r = start(stack, fn, self, args);
    while (r.outcome === Outcome.Switched) {
      // No scheduler: a switch here can only be a forced one; resume at once.
      r = drive(stack, undefined, false);
    }
    if (r.outcome === Outcome.Threw) throw r.value;
    return r.value;
  } finally {
    rt.depth = depth;
  }
}

// ---------------------------------------------------------------------------------
// Module registry: code records, closures' factories, module-level bindings.

export interface ModuleRegistry {
  readonly id: string;
  code(info: CodeInfo): CodeRecord;
  fn<F extends Function>(code: CodeRecord, fn: F): F;
  closure(code: CodeRecord, factory: (env: unknown) => CompiledFunction): void;
  /** Registers the factory of a class evaluated in a function (runtime/local-classes.ts). */
  classFactory(code: CodeRecord, factory: (env: unknown, ...args: unknown[]) => Function): void;
  binding(name: string, value: unknown): void;
  /** Links a compiled generator function (the native wrapper) to its compiled body; returns the wrapper. */
  gen<F extends Function>(wrapper: F, body: Function): F;
  /** From the leading static block of a class with private instance state (runtime/private-state.ts). */
  privates(cls: Function, names: readonly string[], read: PrivateState["read"], write: PrivateState["write"], unrestorable?: string): void;
  /** From the leading static block of a class evaluated in a function (runtime/local-classes.ts). */
  cls(code: CodeRecord, cls: Function, env: unknown, args: readonly unknown[], hidden: unknown[], unrestorable?: string): void;
  /** A private instance method of a class evaluated in a function, when its first instance is made; returns fn. */
  member<F extends Function>(cls: Function, fn: F): F;
  /** From a closure factory in the body of a class evaluated in a function: the closure's class. */
  home(fn: Function, cls: Function): void;
  readonly bindings: Map<string, unknown>;
}

const modules = new Map<string, ModuleRegistry>();

/** Pickling's interest in module-level bindings (runtime/snapshot.ts installs it). */
let bindingHook: ((moduleId: string, name: string, value: unknown) => void) | null = null;
const earlyBindings: [string, string, unknown][] = [];

/** Installs the hook; bindings registered before it are replayed. */
export function setBindingHook(hook: (moduleId: string, name: string, value: unknown) => void): void {
  bindingHook = hook;
  for (const [m, n, v] of earlyBindings.splice(0)) hook(m, n, v);
}
const codes = new Map<string, CodeRecord>();

function moduleRegistry(id: string): ModuleRegistry {
  const reg: ModuleRegistry = {
    id,
    bindings: new Map(),
    code(info) {
      const rec: CodeRecord = { ...info, module: reg, factory: null, fn: null };
      codes.set(info.id, rec);
      return rec;
    },
    fn(code, fn) {
      // A plain store, as cheap as the named one it replaced. Not defineProperty for the
      // functions made once (non-closures), to keep them out of Object.assign and spreads:
      // even a branch to it here, never taken by closures, cost about 10 instructions per
      // closure made (callgrind).
      (fn as unknown as CompiledFunction)[codeKey] = code;
      // The function object of code that is not a closure (methods, module functions):
      // what unpickling a reference to this code without an environment gives back.
      if (code.fn === null) code.fn = fn as unknown as CompiledFunction;
      return fn;
    },
    closure(code, factory) {
      code.factory = factory;
      noteFactory(code, factory);
    },
    classFactory(code, factory) {
      code.factory = factory as (env: unknown) => CompiledFunction;
      code.classFactory = true;
    },
    gen(wrapper, body) {
      linkGenerator(wrapper, body);
      if (isAsyncGeneratorFunction(wrapper)) linkAsyncWrapper(wrapper);
      return wrapper;
    },
    privates: registerPrivates,
    cls: registerLocalClass,
    member: registerMember,
    home: registerHome,
    binding(name, value) {
      reg.bindings.set(name, value);
      if (bindingHook !== null) bindingHook(id, name, value);
      else earlyBindings.push([id, name, value]);
      if (typeof value === "function") {
        const code = (value as Partial<CompiledFunction>)[CODE];
        if (code !== undefined && code.module === reg && code.fn === null) code.fn = value as CompiledFunction;
      }
    },
  };
  modules.set(id, reg);
  return reg;
}

/** The code record loaded under `id`, or undefined (for pickling and the debugger). */
export function findCode(id: string): CodeRecord | undefined {
  return codes.get(id);
}

export function findModule(id: string): ModuleRegistry | undefined {
  return modules.get(id);
}

/** True iff `fn` is tasklet code (compiled by the plugin). */
export function isCompiled(fn: unknown): fn is CompiledFunction {
  return typeof fn === "function" && (fn as Partial<CompiledFunction>)[codeKey] !== undefined;
}

// Compiled scripts (compile() with sourceType "script") cannot import: they read
// `globalThis[Symbol.for("stackless-ts/protocol")].rt` (docs/scripts.md). Non-enumerable,
// so the global object's keys do not change; the first runtime loaded keeps it.
const GLOBAL_KEY = Symbol.for("stackless-ts/protocol");
if (!Object.prototype.hasOwnProperty.call(globalThis, GLOBAL_KEY)) {
  Object.defineProperty(globalThis, GLOBAL_KEY, { value: Object.freeze({ rt, PROTOCOL_VERSION }), writable: false, enumerable: false, configurable: true });
}

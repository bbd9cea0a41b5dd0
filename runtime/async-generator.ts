/**
 * Compiled async generators (docs/frame-protocol.md "Async generators"): the state record
 * of one async generator object, and the steps its native wrapper asks of it.
 *
 * A compiled `async function* g(a) { … }` stays a native async generator function (the
 * *wrapper*) whose body is a fixed loop (compiler/emit/async-generators.ts). The source
 * body is a compiled (frame-record) function that never awaits or yields itself: at
 * `await x`, `yield x`, `yield* x` and `return x` it stops (an unwind of its one record,
 * as a sync generator's yield) and *asks* the wrapper to do that operation; the wrapper
 * does it natively (`await`, `yield`, `yield*`, `return`) and resumes the body with the
 * outcome through `go`. So every promise job and tick is the engine's own: a compiled
 * async generator orders its operations exactly as the native one, and between
 * operations the body is a frame record (plain data: it pickles).
 *
 * Invariants
 * - `go(kind, v)` resumes the body (0: the operation gave v; 1: it threw v; 2: a return
 *   completion arrived at the yield/return, level v) and runs it to its next request; it
 *   returns the request (Op) with its operand in `v`, or throws what the body threw.
 * - status Suspended <=> `frame` holds the body's record at a request; Start: the body has
 *   not run; Running: its frames are on the JS stack; Done: nothing is held.
 * - A return completion (`.return(v)` at a native yield, or the wrapper's own native
 *   `return x` for the body's `return x`) is only visible to the wrapper as a `finally`
 *   running without a caught exception. The wrapper keeps it pending there (its value
 *   is the engine's, already awaited, and cannot be read) while the body runs its own
 *   finally blocks; the body gets the *level* of that finally (1, 2, … as they nest) as
 *   its return value, and when the body ends returning level j, the wrapper leaves the
 *   finally of level j normally so that the engine's completion goes on unchanged.
 *   `level` is the deepest level entered (levels only grow while the body runs).
 * - Priming (pickling an object only its wrapper knew): `next(PRIME)` makes the wrapper
 *   answer with a yield of `undefined` that changes nothing in the body.
 *
 * This module is imported by protocol.ts (rt.agen): nothing here may touch `rt` while
 * the module loads.
 */
import { rt, runGeneratorSegment, type FrameRecord } from "./protocol.js";
import { Resume, Status as AgenStatus, YIELDED } from "./generator.js";
import { runtimeBug } from "./bug.js";

/** What the body asks of the wrapper. Known to compiler (emit/async-generators.ts). */
export const Op = { Await: 1, Yield: 2, YieldStar: 3, Return: 4, Done: 5, Pending: 6 } as const;
export type Op = (typeof Op)[keyof typeof Op];

// How the wrapper resumes the body (known to compiler), and where a generator stands:
// the same values as a sync generator's (generator.ts).
export { Resume, Status as AgenStatus } from "./generator.js";

/** The body's return value after a return completion of level `level`. */
class Returning {
  constructor(readonly level: number) {}
}
const returning: Returning[] = [];
function returningAt(level: number): Returning {
  return (returning[level] ??= new Returning(level));
}

/** The value a priming `next()` sends (see stateOf). */
const PRIME = Object.freeze({ toString: () => "[stackless prime]" });

export class AsyncGeneratorState {
  status: AgenStatus = AgenStatus.Start;
  /** The body's record at the request where it stopped. */
  frame: FrameRecord | null = null;
  /** The request's operand (to the wrapper), then the outcome (from it). */
  v: unknown = undefined;
  /** The request the body stopped at (an Op), while Suspended. */
  op: number = 0;
  /** The deepest return-completion level the wrapper entered (see the invariants). */
  level = 0;
  /** The wrapper's first request is answered with a yield (priming, restoring). */
  answer = false;

  constructor(
    public body: Function | null,
    public self: unknown,
    public args: unknown[] | null,
  ) {}

  /** Resume the body and run it to its next request. Called only by the wrapper. */
  go(kind: number, value: unknown): number {
    if (linking !== null) {
      // Resumed by a next/return/throw that tasklet code called (see `linkers`).
      linked.set(linking, this);
      linking = null;
    }
    if ((kind === Resume.Next && value === PRIME) || this.answer) {
      // A priming next(): answer it with a yield that changes nothing.
      this.answer = false;
      primed = this;
      this.v = undefined;
      busy.delete(this);
      return Op.Yield;
    }
    switch (this.status) {
      case AgenStatus.Start:
        if (kind === Resume.Next) break;
        // Only after priming (the wrapper stood at its answering yield): as natively
        // for a generator that never started, the body never runs.
        finish(this);
        if (kind === Resume.Throw) throw value;
        this.v = value;
        return Op.Done;
      case AgenStatus.Suspended:
        break;
      default:
        return runtimeBug("AsyncGeneratorState.go", `resumed while ${this.status === AgenStatus.Running ? "running" : "done"}`);
    }
    if (kind === Resume.Return) this.level = value as number;
    busy.add(this);
    const frame = this.frame;
    this.frame = null;
    this.status = AgenStatus.Running;
    let r: unknown;
    try {
      const delivered = kind === Resume.Return ? returningAt(value as number) : value;
      r = stepHooks.run(this, frame, delivered, kind === Resume.Throw, kind === Resume.Return);
    } catch (e) {
      finish(this);
      busy.delete(this);
      throw e;
    }
    if (r === PENDING) {
      // The body blocked (a channel, sleep, schedule): `v` is a promise of the request
      // (the Op) or of the body's exception, settled by `settleStep`.
      return Op.Pending;
    }
    return this.settle(r);
  }

  /**
   * The body's run ended with `r`: YIELDED (a request; details in rt.yield*) or its
   * return value. Records it and returns the Op for the wrapper.
   */
  settle(r: unknown): number {
    if (r === YIELDED) {
      this.frame = rt.yieldFrame;
      rt.yieldFrame = null;
      this.v = rt.yieldValue;
      rt.yieldValue = undefined;
      this.op = requested;
      this.status = AgenStatus.Suspended;
      // Only a plain yield leaves the wrapper standing where priming can ask it.
      if (requested === Op.Yield) busy.delete(this);
      return requested;
    }
    finish(this);
    busy.delete(this);
    // The body ends normally (undefined) or with the level of a return completion: a
    // `return x` of the source always asks the wrapper first (Op.Return).
    if (r !== undefined && !(r instanceof Returning)) runtimeBug("AsyncGeneratorState.settle", "an async generator body returned a value");
    this.v = r === undefined ? 0 : (r as Returning).level;
    return Op.Done;
  }

  /** The body threw in a step that finished later (runtime/async-generator-step.ts). */
  fail(): void {
    finish(this);
    busy.delete(this);
  }

  /** Past the levels the wrapper has code for (see emit/async-generators.ts). */
  tooDeep(): never {
    throw new RangeError(`stackless-ts: more than ${MAX_LEVELS} return() completions nested in the finally blocks of a compiled async generator`);
  }
}

/** What `stepHooks.run` returns when the body blocked: the step finishes later. */
export const PENDING = Object.freeze({ toString: () => "[stackless pending step]" });

/**
 * How a step runs the body: from its start (`frame` null) or from its record, with the
 * outcome delivered (thrown if `threw`, as a return completion if `ret`). Returns YIELDED,
 * the body's return value or PENDING; throws what the body throws. The default runs it
 * as a nested segment (every switch inside is hard); runtime/async-generator-step.ts
 * installs one that runs it in a tasklet of its own, where switches are soft.
 */
export const stepHooks = {
  run(s: AsyncGeneratorState, frame: FrameRecord | null, value: unknown, threw: boolean, ret: boolean): unknown {
    if (frame === null) {
      const args = s.args ?? [];
      s.args = null;
      return runGeneratorSegment(s.body!, s.self, args, null, undefined, false, false);
    }
    return runGeneratorSegment(s.body!, s.self, [], frame, value, threw, ret);
  },
};

/** How many nested return completions a wrapper has code for. Known to compiler. */
export const MAX_LEVELS = 3;

function finish(s: AsyncGeneratorState): void {
  s.status = AgenStatus.Done;
  s.frame = null;
  s.args = null;
  s.body = null;
  s.self = undefined;
  s.op = 0;
}

/** The Op of the request being unwound (set by `aop`, read by `go`). */
let requested = 0;

/**
 * `$rt.aop(op, v)`: a request of the body (await, yield, yield*, return): an unwind of
 * the body's one record, as a sync generator's `yield` (rt.yieldOp). Known to compiler.
 */
export function requestOp(op: number, value: unknown): unknown {
  requested = op;
  return rt.yieldOp(value, false);
}

/** `$rt.agen(body, this, arguments)`: the wrapper's state record, made when it first runs. */
export function newAsyncGenerator(body: Function, self: unknown, args: ArrayLike<unknown>): AsyncGeneratorState {
  let s: AsyncGeneratorState;
  if (restoring !== null) {
    s = restoring;
    restoring = null;
  } else {
    s = new AsyncGeneratorState(body, self, Array.prototype.slice.call(args));
  }
  // Started by a priming next(), or restored: its first request answers that next().
  s.answer = priming;
  if (linking !== null) {
    linked.set(linking, s);
    linking = null;
  }
  return s;
}

// ---------------------------------------------------------------------------------
// Linking generator objects to their records (pickling)

const AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {}) as { prototype: { next: Function } };
const nativeNext = AsyncGeneratorFunction.prototype.next;

/** Is `f` an async generator function (its wrapper's kind)? */
export function isAsyncGeneratorFunction(f: unknown): boolean {
  return typeof f === "function" && Object.getPrototypeOf(f) === AsyncGeneratorFunction;
}

const wrapperOfProto = new WeakMap<object, Function>();
const linked = new WeakMap<object, AsyncGeneratorState>();

/** `$m.gen(wrapper, body)` for an async generator function (generator.ts linkGenerator). */
export function linkAsyncWrapper(wrapper: Function): void {
  const proto = (wrapper as unknown as { prototype: unknown }).prototype;
  if (typeof proto === "object" && proto !== null) wrapperOfProto.set(proto, wrapper);
}

export function asyncWrapperOfPrototype(proto: unknown): Function | undefined {
  return typeof proto === "object" && proto !== null ? wrapperOfProto.get(proto) : undefined;
}

/** Is `o` (probably) an async generator object of a compiled async generator function? */
export function isCompiledAsyncGenerator(o: unknown): o is object {
  if (typeof o !== "object" || o === null) return false;
  return linked.has(o) || wrapperOfProto.has(Object.getPrototypeOf(o) as object);
}

/**
 * Records whose wrapper is not standing at a plain yield (running, awaiting, in yield*):
 * a priming next() sent to one of them would wait in its queue and reach a `yield*`
 * delegate. stateOf primes only while there is none. (A generator abandoned while it
 * awaits a promise that never settles stays here.)
 */
const busy = new Set<AsyncGeneratorState>();

let priming = false;
/** The generator object whose native method a linker is calling (see `linkers`). */
let linking: object | null = null;

const AGP = AsyncGeneratorFunction.prototype as unknown as Record<"next" | "return" | "throw", Function>;

function linkerOf(native: Function): Function {
  return {
    [native.name](this: object, v?: unknown): unknown {
      linking = this;
      try {
        return native.call(this, v);
      } finally {
        linking = null;
      }
    },
  }[native.name]!;
}

/**
 * rt.soft's answers for %AsyncGeneratorPrototype%.next/return/throw called by tasklet
 * code on an unlinked compiled async generator: the native method, called with the
 * object noted, so that the record its wrapper makes (first run) or resumes (a parked
 * yield) links it, and a later pickle needs no priming.
 */
export const asyncGeneratorLinkers = new Map<Function, Function>([AGP.next, AGP.return, AGP.throw].map((f) => [f, linkerOf(f)]));

let primed: AsyncGeneratorState | null = null;
let restoring: AsyncGeneratorState | null = null;

/**
 * The record of compiled async generator object `gen`, linking it on first use, or null
 * if it is not one (throws TypeError when it cannot be asked now). Only the wrapper knows the record, so an unlinked generator is asked
 * with a native `next(PRIME)`: a wrapper standing at a yield (or not started) resumes at
 * once and its record answers (`go`) with a yield of undefined, which only settles that
 * request's promise. Throws if the generator is not standing at a plain yield (awaiting,
 * in `yield*`, or suspended inside a finally block after return()); then the request
 * stays queued and is answered the same way when the generator next yields.
 */
export function stateOf(gen: object): AsyncGeneratorState | null {
  const s = linked.get(gen);
  if (s !== undefined) return s;
  if (!wrapperOfProto.has(Object.getPrototypeOf(gen) as object)) return null;
  if (busy.size > 0) throw new TypeError("some async generator is running (awaiting, or in yield*), and a priming next() sent to it would wait in its queue; pickle when none is");
  priming = true;
  primed = null;
  try {
    void nativeNext.call(gen, PRIME);
  } finally {
    priming = false;
  }
  // Nothing answered: no wrapper was running (busy is empty), so it had completed.
  let state = primed as AsyncGeneratorState | null;
  primed = null;
  if (state === null) {
    state = new AsyncGeneratorState(null, undefined, null);
    state.status = AgenStatus.Done;
  }
  linked.set(gen, state);
  return state;
}

export function linkedAsyncState(gen: object): AsyncGeneratorState | undefined {
  return linked.get(gen);
}

const nativeReturn = (AsyncGeneratorFunction.prototype as unknown as { return: Function }).return;

/**
 * A generator object for a record that comes from a snapshot: `restorer` (a compiled
 * async generator function whose parameters are simple: runtime/agen-restorer.src.ts)
 * called (so the object is native: its brand and queue) and started at once with
 * `$rt.agen` handing it `state`, whose first request is priming's answering yield: it
 * then stands at a yield (one microtask later: a yield awaits its value), as the
 * original did, with the original's prototype. A Done record gives a generator
 * completed natively (`return()`). (Not the original's wrapper: calling it would run
 * its parameters' defaults and patterns again. The wrapper loops are all the same.)
 */
export function restoreAsyncGenerator(restorer: Function, state: AsyncGeneratorState, proto: object | null): object {
  const gen = restorer.call(undefined) as object;
  if (state.status === AgenStatus.Done) {
    void nativeReturn.call(gen);
  } else {
    restoring = state;
    priming = true;
    try {
      void nativeNext.call(gen);
    } finally {
      priming = false;
      primed = null;
      restoring = null;
    }
  }
  Object.setPrototypeOf(gen, proto);
  linked.set(gen, state);
  return gen;
}

/**
 * Compiled generators (docs/frame-protocol.md "Generators"): the state record of one
 * generator object, and its native driver.
 *
 * A compiled `function* g(a) { … }` stays a native generator function whose body is
 *   return yield* $rt.gen(<body>, this, arguments);
 * and <body> is the compiled (frame-record) function holding the source body. The native
 * generator object keeps everything native (prototype chain, identity, GeneratorState
 * checks, "[object Generator]"); `yield*` forwards each next/throw/return to the
 * GeneratorState below, which runs the body until its next `yield` and keeps the body's
 * frame record meanwhile. So a suspended generator is plain data: this record.
 *
 * Invariants
 * - All the state lives in the record (status, the body's frame at a yield): the native
 *   driver (GeneratorState.next/throw/return, called by the wrapper's `yield*`) and the
 *   soft path (runtime/generator-soft.ts, called from tasklet code) both ask it, so
 *   mixing the two on one generator is safe.
 * - status Suspended <=> frame holds the body's record at a yield; Running: the body's
 *   frames are on the JS stack or in a tasklet's records (frame is null); Start: the body
 *   has not run (args hold its arguments); Done: nothing is held.
 * - A generator object is linked to its record (`linked`) once the soft path or the
 *   pickler met it; before that only its native wrapper knows the record.
 *
 * This module is imported by protocol.ts (rt.gen): nothing here may touch `rt` while the
 * module loads.
 */
import { rt, runGeneratorSegment, type FrameRecord } from "./protocol.js";
import { picklableIterator } from "./async-iteration.js";

/** What a body call completes with when the body yielded (details in rt.yieldValue…). */
export const YIELDED = Object.freeze({ toString: () => "[stackless yielded]" });

export const Status = { Start: 0, Suspended: 1, Running: 2, Done: 3 } as const;
export type Status = (typeof Status)[keyof typeof Status];

/** How a generator is resumed (the three methods of %GeneratorPrototype%). */
export const Resume = { Next: 0, Throw: 1, Return: 2 } as const;
export type Resume = (typeof Resume)[keyof typeof Resume];

export class GeneratorState {
  status: Status = Status.Start;
  /** The body's record at the yield where it is suspended. */
  frame: FrameRecord | null = null;

  constructor(
    /** The compiled body (its `[CODE]` is the generator's code record). */
    public body: Function | null,
    public self: unknown,
    /** The arguments of the call, until the body starts. */
    public args: unknown[] | null,
  ) {}

  // The iterator the wrapper's `yield*` drives (the native path).
  next(value?: unknown): unknown {
    if (priming) {
      // stateOf() asking which record this generator object has: answer, change nothing.
      priming = false;
      primed = this;
      return { value: undefined, done: false };
    }
    return nativeStep(this, Resume.Next, value);
  }

  throw(error?: unknown): unknown {
    return nativeStep(this, Resume.Throw, error);
  }

  return(value?: unknown): unknown {
    return nativeStep(this, Resume.Return, value);
  }

  [Symbol.iterator](): this {
    return this;
  }
}

/** What a generator's record holds to run its body (GeneratorState, AsyncGeneratorState). */
export interface BodyHolder {
  frame: FrameRecord | null;
  body: Function | null;
  self: unknown;
  args: unknown[] | null;
}

/**
 * Runs `state`'s body for a caller written in the compiler's frame shape
 * (generator-soft.ts `step`, async-generator-step.ts `agenStep`): calls it directly from
 * its start (`frame` null: with the arguments kept until then), or resumes its record
 * inline as the trampoline would (rt.frame + rt.RESUME), delivering `value` (thrown if
 * `threw`, as a return completion if `ret`). Takes the frame and the arguments out of
 * `state`. Returns what the body returned (YIELDED included) and throws what it throws;
 * the caller clears rt.genReturn and handles rt.unwinding (its own record below the
 * body's, or the yield).
 */
export function runBody(state: BodyHolder, value: unknown, threw: boolean, ret: boolean): unknown {
  const f = state.frame;
  if (f === null) {
    const args = state.args ?? [];
    state.args = null;
    rt.callee = state.body;
    return state.body!.apply(state.self, args);
  }
  state.frame = null;
  rt.frame = f;
  rt.callee = rt.RESUME;
  rt.threw = threw;
  rt.value = threw ? undefined : value;
  rt.error = threw ? value : undefined;
  rt.genReturn = ret;
  return f.fn.call(f.self);
}

/** rt.gen: the wrapper's `yield*` operand, made when the generator first runs. */
export function newGenerator(body: Function, self: unknown, args: ArrayLike<unknown>): GeneratorState {
  return new GeneratorState(body, self, Array.prototype.slice.call(args));
}

/**
 * The checks every resumption makes, in the spec's order (GeneratorValidate, then the
 * completed and not-started cases): returns the result when the body does not run.
 * Otherwise marks the record Running and returns `undefined`.
 */
export function enter(state: GeneratorState, kind: Resume, value: unknown): IteratorResult<unknown> | undefined {
  switch (state.status) {
    case Status.Running:
      throw new TypeError("Generator is already running");
    case Status.Done:
      if (kind === Resume.Throw) throw value;
      return { value: kind === Resume.Return ? value : undefined, done: true };
    case Status.Start:
      if (kind !== Resume.Next) {
        finish(state);
        if (kind === Resume.Throw) throw value;
        return { value, done: true };
      }
  }
  state.status = Status.Running;
  return undefined;
}

/**
 * After the body's call completed with `r` (YIELDED or its return value): records the
 * yield or the end and returns the iterator result the generator hands out.
 */
export function settle(state: GeneratorState, r: unknown): unknown {
  if (r === YIELDED) {
    state.frame = rt.yieldFrame;
    rt.yieldFrame = null;
    state.status = Status.Suspended;
    const v = rt.yieldValue;
    rt.yieldValue = undefined;
    // `yield*` hands the inner iterator's result object out as it is (spec: sync
    // generators do not re-wrap it).
    return rt.yieldRaw ? v : { value: v, done: false };
  }
  finish(state);
  return { value: r, done: true };
}

export function finish(state: GeneratorState): void {
  state.status = Status.Done;
  state.frame = null;
  state.args = null;
  state.body = null;
  state.self = undefined;
}

/** One step through the native driver: the body runs as a nested segment (hard switches). */
function nativeStep(state: GeneratorState, kind: Resume, value: unknown): unknown {
  const early = enter(state, kind, value);
  if (early !== undefined) return early;
  let r: unknown;
  try {
    if (state.frame === null) {
      const args = state.args ?? [];
      state.args = null;
      r = runGeneratorSegment(state.body!, state.self, args, null, undefined, false, false);
    } else {
      const f = state.frame;
      state.frame = null;
      r = runGeneratorSegment(state.body!, state.self, [], f, value, kind === Resume.Throw, kind === Resume.Return);
    }
  } catch (e) {
    finish(state);
    throw e;
  }
  return settle(state, r);
}

// ---------------------------------------------------------------------------------
// Generator functions and objects

const GeneratorFunctionPrototype = Object.getPrototypeOf(function* () {}) as { prototype: object };
const AsyncGeneratorFunctionPrototype = Object.getPrototypeOf(async function* () {}) as unknown;
/** %GeneratorPrototype% */
export const GeneratorPrototype = GeneratorFunctionPrototype.prototype as {
  next: Function;
  return: Function;
  throw: Function;
};
const nativeNext = GeneratorPrototype.next;

const bodyOfWrapper = new WeakMap<Function, Function>();
const wrapperOfBody = new WeakMap<Function, Function>();
/** wrapper.prototype as it was when the wrapper was made: its generators' prototype. */
const wrapperOfProto = new WeakMap<object, Function>();
const linked = new WeakMap<object, GeneratorState>();

/**
 * `$m.gen(wrapper, body)`: the compiled generator function `wrapper` runs `body`. A
 * generator method is found by its key after its class or literal is made; if a later
 * member with the same key replaced it (`*m() {} m() {}`), `wrapper` is that member, and
 * nothing is linked: the generator method is unreachable.
 */
export function linkGenerator<F extends Function>(wrapper: F, body: Function): F {
  if (typeof wrapper !== "function") return wrapper;
  const kind = Object.getPrototypeOf(wrapper) as unknown;
  if (kind !== GeneratorFunctionPrototype && kind !== AsyncGeneratorFunctionPrototype) return wrapper;
  bodyOfWrapper.set(wrapper, body);
  wrapperOfBody.set(body, wrapper);
  const proto = (wrapper as unknown as { prototype: unknown }).prototype;
  // (async generators have their own: runtime/async-generator.ts)
  if (typeof proto === "object" && proto !== null && kind === GeneratorFunctionPrototype) wrapperOfProto.set(proto, wrapper);
  return wrapper;
}

export function generatorBody(wrapper: Function): Function | undefined {
  return bodyOfWrapper.get(wrapper);
}

export function generatorWrapper(body: Function): Function | undefined {
  return wrapperOfBody.get(body);
}

export function wrapperOfPrototype(proto: unknown): Function | undefined {
  return typeof proto === "object" && proto !== null ? wrapperOfProto.get(proto) : undefined;
}

/** Is `o` (probably) a generator object of a compiled generator function? */
export function isCompiledGenerator(o: unknown): o is object {
  if (typeof o !== "object" || o === null) return false;
  return linked.has(o) || wrapperOfProto.has(Object.getPrototypeOf(o) as object);
}

let priming = false;
let primed: GeneratorState | null = null;

/**
 * The record of compiled generator object `gen`, linking it on first use. The record is
 * made by the native wrapper when it first runs, so an unlinked generator is asked with
 * one native `next()` that its record answers without running anything ("priming"): it
 * starts the wrapper up to its `yield*` if needed. A generator that completed natively
 * gets a Done record. Throws TypeError if it is running natively. Null when `gen` is not
 * a compiled generator.
 */
export function stateOf(gen: unknown): GeneratorState | null {
  if (typeof gen !== "object" || gen === null) return null;
  const s = linked.get(gen);
  if (s !== undefined) return s;
  if (!wrapperOfProto.has(Object.getPrototypeOf(gen) as object)) return null;
  priming = true;
  primed = null;
  try {
    nativeNext.call(gen);
  } finally {
    priming = false;
  }
  const state = primed ?? new GeneratorState(null, undefined, null);
  primed = null;
  if (state.body === null) state.status = Status.Done;
  linked.set(gen, state);
  return state;
}

function* restored(state: GeneratorState): Generator<unknown, unknown, unknown> {
  return yield* state as unknown as Iterable<unknown>;
}

/**
 * A generator object for a record that comes from a snapshot: a fresh native generator,
 * primed so that it stands at its `yield*` over `state`, with prototype `proto`.
 */
export function restoreGenerator(state: GeneratorState, proto: object | null): object {
  const gen = restored(state);
  priming = true;
  try {
    gen.next();
  } finally {
    priming = false;
    primed = null;
  }
  Object.setPrototypeOf(gen, proto);
  linked.set(gen, state);
  return gen;
}

/** The record of a linked generator object (pickling: undefined if not linked). */
export function linkedState(gen: object): GeneratorState | undefined {
  return linked.get(gen);
}

// ---------------------------------------------------------------------------------
// What compiled `yield*` calls (compiler/emit/generators.ts). Known to compiler.

/** How V8 names a value in "… is not iterable" / "… is not a function". */
function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === "object") return "object";
  if (typeof v === "function") return "function";
  if (typeof v === "symbol") return "symbol";
  if (typeof v === "string") return `string "${v}"`;
  return `${typeof v} ${String(v)}`;
}

/** GetIterator(value, sync): calls value[Symbol.iterator]() (a nested call). */
export function iterate(value: unknown): object {
  const m = value == null ? undefined : (value as Record<symbol, unknown>)[Symbol.iterator];
  if (typeof m !== "function") throw new TypeError(`${describe(value)} is not iterable (cannot read property Symbol(Symbol.iterator))`);
  // An Array, Map or Set with the built-in iterator: an iterator that pickles, so a frame
  // stopped inside an array pattern's default (`[a = f()] = arr`) or a `yield* arr`
  // stays picklable. The program never sees it: patterns and yield* only call its methods.
  const own = picklableIterator(value, m);
  if (own !== undefined) return own;
  const it = m.call(value) as unknown;
  if ((typeof it !== "object" || it === null) && typeof it !== "function") throw new TypeError("Result of the Symbol.iterator method is not an object");
  return it as object;
}

/** An iterator result must be an object. Returns it. */
export function iterResult(r: unknown): unknown {
  if ((typeof r !== "object" || r === null) && typeof r !== "function") throw new TypeError(`Iterator result ${String(r)} is not an object`);
  return r;
}

/** GetMethod(o, name): undefined for undefined/null, else it must be callable. */
export function method(o: object, name: string): Function | undefined {
  const m = (o as Record<string, unknown>)[name];
  if (m === undefined || m === null) return undefined;
  if (typeof m !== "function") throw new TypeError(`${describe(m)} is not a function`);
  return m;
}

/** `next` of the delegate was not callable. */
export function notFunction(v: unknown): never {
  throw new TypeError(`${describe(v)} is not a function`);
}

/**
 * At a resumed `yield*` step: the value (or error) delivered and how (rt.lastKind:
 * 0 next, 1 throw, 2 return), without throwing: `yield*` forwards each to the delegate.
 */
export function takeRaw(): unknown {
  let v: unknown;
  if (rt.threw) {
    rt.lastKind = 1;
    v = rt.error;
    rt.threw = false;
    rt.error = undefined;
  } else {
    rt.lastKind = rt.genReturn ? 2 : 0;
    v = rt.value;
    rt.value = undefined;
  }
  rt.genReturn = false;
  return v;
}

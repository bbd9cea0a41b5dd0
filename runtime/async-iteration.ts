/**
 * GetIterator(obj, async) for compiled `for await` (compiler/emit/for-await.ts), with
 * %AsyncFromSyncIteratorPrototype% written out, as node 20 (V8 11) implements it: the
 * engine's own is not reachable from JavaScript.
 *
 * Invariants (why the ticks are native's)
 * - next/return/throw answer a native promise made as AsyncFromSyncIteratorContinuation
 *   makes it: PromiseResolve(%Promise%, value) (`Promise.resolve`), then a reaction that
 *   fulfils a new %Promise% with { value, done } (`then`): the same jobs in the same
 *   order, so `await it.next()` in the loop resumes on native's tick.
 * - An abrupt completion anywhere becomes a rejected promise, never a throw; the sync
 *   iterator is not closed when its value rejects (V8 11 predates that change).
 *
 * This module is imported by protocol.ts (rt.asyncIterate): nothing here may touch `rt`
 * while the module loads.
 */
import { collectionIterator, type CollectionCursor } from "./collection-cursor.js";
import { ArrayIteratorPrototype, ArrayWalker, arrayValues, nativeArrayNext } from "./lists.js";
import { StringWalker, walksLikeString } from "./string-walker.js";

const promiseThen = Promise.prototype.then;

function isObject(v: unknown): v is object {
  return (typeof v === "object" && v !== null) || typeof v === "function";
}

/** AsyncFromSyncIteratorContinuation(result). */
function continuation(result: unknown): Promise<unknown> {
  let done: boolean;
  let wrapper: Promise<unknown>;
  try {
    done = Boolean((result as { done?: unknown }).done);
    wrapper = Promise.resolve((result as { value?: unknown }).value);
  } catch (e) {
    return Promise.reject(e);
  }
  return promiseThen.call(wrapper, (value: unknown) => ({ value, done })) as Promise<unknown>;
}

function notObject(r: unknown): Promise<unknown> {
  return Promise.reject(new TypeError(`Iterator result ${String(r)} is not an object`));
}

/**
 * CreateAsyncFromSyncIterator's object. A class (not closures) so that a frame holding
 * one, or its `next` read once into a slot, pickles (async-generator-snapshot.ts,
 * builtins): `next` is read once, as the sync iterator record holds it.
 */
export class AsyncFromSyncIterator {
  constructor(
    readonly sync: object,
    readonly nextMethod: unknown,
  ) {}

  next(...args: unknown[]): Promise<unknown> {
    let r: unknown;
    try {
      r = Reflect.apply(this.nextMethod as Function, this.sync, args.length > 0 ? [args[0]] : []);
    } catch (e) {
      return Promise.reject(e);
    }
    return isObject(r) ? continuation(r) : notObject(r);
  }

  return(...args: unknown[]): Promise<unknown> {
    let r: unknown;
    try {
      const m = (this.sync as { return?: unknown }).return;
      if (m === undefined || m === null) return Promise.resolve({ value: args[0], done: true });
      r = Reflect.apply(m as Function, this.sync, args.length > 0 ? [args[0]] : []);
    } catch (e) {
      return Promise.reject(e);
    }
    return isObject(r) ? continuation(r) : notObject(r);
  }

  throw(...args: unknown[]): Promise<unknown> {
    let r: unknown;
    try {
      const m = (this.sync as { throw?: unknown }).throw;
      if (m === undefined || m === null) return Promise.reject(args[0]);
      r = Reflect.apply(m as Function, this.sync, args.length > 0 ? [args[0]] : []);
    } catch (e) {
      return Promise.reject(e);
    }
    return isObject(r) ? continuation(r) : notObject(r);
  }
}

/**
 * Whether `Array.prototype[Symbol.iterator]` (m, already read from `obj`) would give an
 * iterator that ArrayWalker imitates exactly: obj is an Array and %ArrayIteratorPrototype%
 * has its own `next` and no `return`/`throw` (which IteratorClose and yield* would call).
 */
function walksLikeArray(obj: unknown, m: unknown): obj is unknown[] {
  return m === arrayValues && Array.isArray(obj) && ArrayIteratorPrototype.next === nativeArrayNext && !("return" in ArrayIteratorPrototype) && !("throw" in ArrayIteratorPrototype);
}

/**
 * The iterator the runtime makes itself for `obj`, whose Symbol.iterator `m` was read
 * already, when the built-in one would run no program code: an ArrayWalker for an Array,
 * a StringWalker for a string (runtime/string-walker.ts), a CollectionCursor for a Map or
 * Set (runtime/collection-cursor.ts). They take the built-in's steps and, unlike it,
 * pickle, so a frame paused inside a for-of, an array pattern or a yield* over them stays
 * picklable. undefined otherwise.
 */
export function picklableIterator(obj: unknown, m: unknown): ArrayWalker | StringWalker | CollectionCursor | undefined {
  if (walksLikeString(obj, m)) return new StringWalker(obj);
  return walksLikeArray(obj, m) ? new ArrayWalker(obj) : collectionIterator(obj, m);
}

/**
 * `$rt.asyncIterate(obj, text)`: GetIterator(obj, async) for `for await (… of <text>)`,
 * with V8's messages. Called nested (a getter or an iterator method that is tasklet code
 * runs as a nested call).
 */
export function asyncIterate(obj: unknown, text: string): object {
  if (obj === null || obj === undefined) throw new TypeError(`Cannot read properties of ${String(obj)} (reading 'Symbol(Symbol.asyncIterator)')`);
  const m = (obj as Record<symbol, unknown>)[Symbol.asyncIterator];
  if (m !== undefined && m !== null) {
    if (typeof m !== "function") throw new TypeError(`${describe(m)} is not a function`);
    const it = m.call(obj) as unknown;
    if (!isObject(it)) throw new TypeError("Result of the Symbol.asyncIterator method is not an object");
    return it;
  }
  const s = (obj as Record<symbol, unknown>)[Symbol.iterator];
  if (typeof s !== "function") throw new TypeError(`${text} is not async iterable`);
  const own = picklableIterator(obj, s);
  if (own !== undefined) return new AsyncFromSyncIterator(own, own.next);
  const sync = s.call(obj) as unknown;
  if (!isObject(sync)) throw new TypeError("Result of the Symbol.iterator method is not an object");
  return new AsyncFromSyncIterator(sync, (sync as { next?: unknown }).next);
}

function describe(v: unknown): string {
  if (typeof v === "string") return `string "${v}"`;
  if (typeof v === "object") return "object";
  return `${typeof v} ${String(v)}`;
}

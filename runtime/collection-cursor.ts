/**
 * Picklable iteration over Maps, Sets and Arrays (docs/FORMAT.md "Runtime picklers",
 * docs/unsupported.md "Iterators").
 *
 * A native Map/Set/Array iterator keeps its position inside the engine: no code can read
 * it, so a frame holding one cannot be pickled. Compiled for-of, `yield*`, array
 * patterns and `for await` iterate such a collection through a CollectionCursor instead,
 * when they know the collection: it forwards every step to the native iterator (so the
 * live semantics stay exactly native: entries added during the walk are visited, deleted
 * ones skipped, a finished walk stays finished) and knows the collection and the kind.
 *
 * Invariants:
 * - `it` is a native iterator made by the unpatched built-in of `kind` over `source`, or
 *   null: then `done` (finished), or a restored cursor not placed yet. unpickle() places
 *   it (`place`) once the whole snapshot is decoded: not in restore, where the collection
 *   may still be being decoded (a Set of tasklets may hold the tasklet walking it), and
 *   not at its first step, which comes after program code may have deleted entries
 *   behind it (`steps` counts the entries before it as pickled). A cursor restored by
 *   hand (restore() alone) is placed at its first step.
 * - For an Array, `steps` is the iterator's index: the number of results it gave.
 * - For a Map or Set, `steps` is only exact right after pickling or restoring: pickling
 *   finds the position as the number of live entries before the cursor (the size minus
 *   what the iterator has left, counted by draining it) and replaces the drained iterator
 *   by a fresh one advanced that far over the same collection. The two are the same
 *   iterator for every later mutation: between their positions lie only deleted slots,
 *   new entries go to the end, and clear() or a rehash moves both alike.
 *
 * Nothing here runs program code: native Map/Set iterators call nothing, and Arrays are
 * advanced only on restore (their restored elements are data, never accessors).
 * This module touches no `rt`: protocol.ts imports it through generator.ts.
 */

import { StringWalker, walksLikeString } from "./string-walker.js";

/** keys / values / entries: the order of the pickled `kind` (docs/FORMAT.md). */
export const enum CursorKind {
  Keys = 0,
  Values = 1,
  Entries = 2,
}

type Source = Map<unknown, unknown> | Set<unknown> | unknown[];
type NativeIterator = Iterator<unknown>;
type Next = (this: NativeIterator) => IteratorResult<unknown>;

const MP = Map.prototype;
const SP = Set.prototype;
const AP = Array.prototype;
const mapMethods = [MP.keys, MP.values, MP.entries] as const;
const setMethods = [SP.values, SP.values, SP.entries] as const;
const arrayMethods = [AP.keys, AP.values, AP.entries] as const;
const mapIterProto = Object.getPrototypeOf(new Map().entries()) as { next: unknown };
const setIterProto = Object.getPrototypeOf(new Set().values()) as { next: unknown };
const arrayIterProto = Object.getPrototypeOf([].values()) as { next: unknown };
const mapNext = mapIterProto.next as Next;
const setNext = setIterProto.next as Next;
const arrayNext = arrayIterProto.next as Next;
const iterProto = Object.getPrototypeOf(arrayIterProto) as Record<symbol, unknown>;
const iterSelf = iterProto[Symbol.iterator];
/** The built-in size getters, whatever the program replaced (pickle/kinds.ts reads sizes with them too). */
export const mapSize = Object.getOwnPropertyDescriptor(MP, "size")!.get as (this: Map<unknown, unknown>) => number;
export const setSize = Object.getOwnPropertyDescriptor(SP, "size")!.get as (this: Set<unknown>) => number;

/**
 * Whether `o` is a real Map (a Set): the built-in size getter accepts it. Not
 * `instanceof`, which walks a Proxy's prototype through its trap (a Proxy of a Map is
 * no Map: the native forEach throws for it, running no trap).
 */
export function isMap(o: unknown): o is Map<unknown, unknown> {
  return hasSlot(mapSize, o);
}

export function isSet(o: unknown): o is Set<unknown> {
  return hasSlot(setSize, o);
}

function hasSlot(size: (this: never) => number, o: unknown): boolean {
  if (typeof o !== "object" || o === null) return false;
  try {
    size.call(o as never);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether iterators of this prototype behave as the built-in ones a cursor forwards to:
 * `next` is the original, and there is no `return`/`throw` (IteratorClose and yield*
 * would call them; a cursor has none).
 */
function pristine(proto: { next: unknown }, next: Next): boolean {
  return proto.next === next && !("return" in proto) && !("throw" in proto) && iterProto[Symbol.iterator] === iterSelf;
}

/** A native Map/Set/Array iterator of `source`, with what a pickle needs to rebuild it. */
export class CollectionCursor {
  /** The native iterator (see the invariants), or null. */
  it: NativeIterator | null;
  /** Its `next`: the built-in one of the source's iterator prototype. */
  nx: Next;
  steps = 0;
  done = false;

  constructor(public source: Source, public kind: CursorKind, it: NativeIterator | null) {
    this.it = it;
    this.nx = source instanceof Map ? mapNext : source instanceof Set ? setNext : arrayNext;
  }

  next(): IteratorResult<unknown> {
    const it = this.it;
    if (it === null) return this.resume();
    // One call site per built-in (each stays monomorphic): not `this.nx.call(it)`.
    const r = this.nx === mapNext ? mapNext.call(it) : this.nx === setNext ? setNext.call(it) : arrayNext.call(it);
    if (r.done) {
      this.it = null;
      this.done = true;
    } else {
      this.steps++;
    }
    return r;
  }

  /** `for (… of map.entries())` reads the iterable's Symbol.iterator: itself, as natively. */
  self(): this {
    return this;
  }

  /** `it` is null: finished, or restored and not placed yet (place it now). */
  private resume(): IteratorResult<unknown> {
    this.place();
    return this.it === null ? { value: undefined, done: true } : this.next();
  }

  /** A restored cursor: makes its iterator, `steps` entries into the source. */
  place(): void {
    if (this.done || this.it !== null) return;
    const it = open(this.source, this.kind);
    for (let i = 0; i < this.steps; i++) {
      if (this.nx.call(it).done) {
        // Only a hand-made snapshot gets here (a restored collection is as pickled).
        this.done = true;
        return;
      }
    }
    this.it = it;
  }

  /**
   * Pickling: the state `[source, kind, steps, done]`. A Map/Set cursor first finds its
   * exact position and swaps in an equivalent iterator (see the invariants).
   */
  reduce(): [Source, CursorKind, number, boolean] {
    const s = this.source;
    const it = this.it;
    if (it !== null && !Array.isArray(s)) {
      let left = 0;
      while (!this.nx.call(it).done) left++;
      const size = s instanceof Map ? mapSize.call(s) : setSize.call(s as Set<unknown>);
      const fresh = open(s, this.kind);
      const at = size - left;
      for (let i = 0; i < at; i++) this.nx.call(fresh);
      this.it = fresh;
      this.steps = at;
    }
    return [s, this.kind, this.steps, this.done];
  }

  /** Unpickling: a cursor whose iterator is made at its first step. */
  static restore(d: unknown): CollectionCursor {
    if (!Array.isArray(d) || d.length !== 4) throw new TypeError("a collection cursor is [source, kind, steps, done]");
    const [s, kind, steps, done] = d as unknown[];
    if (!(s instanceof Map || s instanceof Set || Array.isArray(s))) throw new TypeError("a collection cursor's source must be a Map, Set or Array");
    if (kind !== 0 && kind !== 1 && kind !== 2) throw new TypeError("a collection cursor's kind must be 0, 1 or 2");
    if (typeof steps !== "number" || !Number.isSafeInteger(steps) || steps < 0) throw new TypeError("a collection cursor's steps must be a non-negative integer");
    if (typeof done !== "boolean") throw new TypeError("a collection cursor's done must be a boolean");
    const c = new CollectionCursor(s as Source, kind as CursorKind, null);
    c.steps = steps;
    c.done = done;
    return c;
  }
}
// `for (… of map.entries())` reads the cursor's Symbol.iterator and keeps it in a frame
// slot: the same function as `self`, so it pickles by that name (runtime/builtins.ts).
(CollectionCursor.prototype as unknown as Record<symbol, unknown>)[Symbol.iterator] = CollectionCursor.prototype.self;

function open(s: Source, kind: CursorKind): NativeIterator {
  const methods = s instanceof Map ? mapMethods : s instanceof Set ? setMethods : arrayMethods;
  return (methods[kind] as (this: Source) => NativeIterator).call(s);
}

/**
 * `$rt.cursor(iterable, method, it)`: for-of opened `it` by calling `method` (read from
 * iterable[Symbol.iterator]) on `iterable`. When that is the built-in Map/Set iterator
 * (so `it` is a fresh native iterator of `iterable`), the cursor over it; for a string's
 * built-in one, a StringWalker (runtime/string-walker.ts, `it` is dropped); else `it`.
 * (Arrays with the built-in iterator are walked by index and never get here.)
 */
export function cursor(iterable: unknown, method: unknown, it: unknown): unknown {
  if (walksLikeString(iterable, method)) return new StringWalker(iterable);
  if (!iteratesItself(iterable, method)) return it;
  return new CollectionCursor(iterable as Source, iterable instanceof Map ? CursorKind.Entries : CursorKind.Values, it as NativeIterator);
}

/** `method` is the built-in Symbol.iterator of `iterable`, a Map or Set whose iterators are pristine. */
function iteratesItself(iterable: unknown, method: unknown): boolean {
  if (method === MP.entries) return iterable instanceof Map && pristine(mapIterProto, mapNext);
  return method === SP.values && iterable instanceof Set && pristine(setIterProto, setNext);
}

/**
 * `$rt.sourced(obj, method, it)`: compiled `for (… of obj.m())` with m one of entries,
 * keys, values called `method` on `obj` and got `it`. When that is a built-in iterator
 * method of a Map, Set or Array, the cursor over it; else `it`. Only for-of calls this:
 * the cursor is never seen by the program.
 */
export function sourced(obj: unknown, method: unknown, it: unknown): unknown {
  let i: number;
  if ((i = (mapMethods as readonly unknown[]).indexOf(method)) >= 0) {
    if (obj instanceof Map && pristine(mapIterProto, mapNext)) return new CollectionCursor(obj, i as CursorKind, it as NativeIterator);
  } else if ((i = (setMethods as readonly unknown[]).lastIndexOf(method)) >= 0) {
    if (obj instanceof Set && pristine(setIterProto, setNext)) return new CollectionCursor(obj, i as CursorKind, it as NativeIterator);
  } else if ((i = (arrayMethods as readonly unknown[]).indexOf(method)) >= 0) {
    if (Array.isArray(obj) && pristine(arrayIterProto, arrayNext)) return new CollectionCursor(obj, i as CursorKind, it as NativeIterator);
  }
  return it;
}

/**
 * The walk of Map.prototype.forEach / Set.prototype.forEach over `c` (runtime/soft.ts):
 * a cursor over its entries (a Map) or values (a Set), opened with the built-in methods
 * whatever the program replaced, as the native forEach reads no Symbol.iterator and calls
 * no iterator method of the program. (A cursor always steps with the built-in `next`.)
 */
export function forEachCursor(c: Map<unknown, unknown> | Set<unknown>, kind: CursorKind.Entries | CursorKind.Values): CollectionCursor {
  return new CollectionCursor(c, kind, open(c, kind));
}

/**
 * GetIterator for `yield*`, array patterns and `for await` (they never show the iterator
 * to the program): the cursor over a Map or Set whose Symbol.iterator (`m`, already
 * read) is the built-in one, or undefined.
 */
export function collectionIterator(value: unknown, m: unknown): CollectionCursor | undefined {
  return iteratesItself(value, m) ? (cursor(value, m, (m as (this: unknown) => unknown).call(value)) as CollectionCursor) : undefined;
}

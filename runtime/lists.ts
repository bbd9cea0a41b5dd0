/**
 * Argument lists the runtime copies, joins and spreads for the program.
 *
 * Invariant: none of these calls the list's Symbol.iterator. `Array.from(a)`, `[...a]`,
 * `f(...a)` and `new K(...a)` do, and a program may replace
 * `Array.prototype[Symbol.iterator]` (test262's dstr `…-iter-val-array-prototype` tests
 * install a generator there): the runtime's own copies of an argument list would then
 * hold what that iterator yields. Reflect.apply and Reflect.construct read `length` and
 * the indices only (CreateListFromArrayLike), and a rest parameter defines its elements,
 * so no setter on Array.prototype sees them either. Captured at load, as the program may
 * replace Reflect's functions later.
 */
const apply = Reflect.apply;
const construct = Reflect.construct;

function collect(...items: unknown[]): unknown[] {
  return items;
}

/** A fresh array with the elements of `list`. */
export function listOf(list: ArrayLike<unknown>): unknown[] {
  return apply(collect, undefined, list);
}

/** A fresh array with the elements of `a`, then those of `b`. */
export function joinLists(a: ArrayLike<unknown>, b: ArrayLike<unknown>): unknown[] {
  // A null-prototype array-like: writing its indices reaches no inherited setter.
  const both: { [i: number]: unknown; length: number } = Object.create(null);
  const n = a.length;
  for (let i = 0; i < n; i++) both[i] = a[i];
  for (let i = 0; i < b.length; i++) both[n + i] = b[i];
  both.length = n + b.length;
  return apply(collect, undefined, both);
}

/** `fn.call(self, ...list)`. */
export function callWith(fn: Function, self: unknown, list: ArrayLike<unknown>): unknown {
  return apply(fn, self, list);
}

/** `new Klass(...list)`. */
export function constructWith<T>(Klass: new (...a: any[]) => T, list: ArrayLike<unknown>): T {
  return construct(Klass, list) as T;
}

/**
 * The array iteration built-ins as the runtime loaded them (before any program code):
 * what the runtime compares against to know that iterating an array calls nothing a
 * program put there (here, and async-iteration.ts walksLikeArray).
 */
export const arrayValues = Array.prototype[Symbol.iterator];
/** %ArrayIteratorPrototype%: its `next` is read again at each check (a program may replace it). */
export const ArrayIteratorPrototype = Object.getPrototypeOf([][Symbol.iterator]()) as { next: unknown };
export const nativeArrayNext = ArrayIteratorPrototype.next;

/**
 * %ArrayIteratorPrototype%.next's steps for an Array (the length is read at each step),
 * calling nothing a program can replace. It pickles (async-generator-snapshot.ts), so
 * compiled for-of, patterns and yield* over an array use it (async-iteration.ts
 * picklableIterator); respread hands out a list with it.
 */
export class ArrayWalker {
  index = 0;
  constructor(public array: ArrayLike<unknown> | null) {}

  next(): IteratorResult<unknown> {
    const a = this.array;
    if (a === null) return { value: undefined, done: true };
    if (this.index >= a.length) {
      this.array = null;
      return { value: undefined, done: true };
    }
    return { value: a[this.index++], done: false };
  }
}

/** Spreads a list through an ArrayWalker. */
class Replay {
  constructor(private readonly list: ArrayLike<unknown>) {}
  [Symbol.iterator](): ArrayWalker {
    return new ArrayWalker(this.list);
  }
}

/**
 * `...rt.respread(list)` in compiled code: spreads again an array the compiled code
 * collected itself (the values a spread argument or element yielded, set aside before a
 * later call in the same list; a rest parameter handed to `rt.nested`), whose iteration
 * natively happened once. While the array iterator is the built-in one, that second
 * spread calls nothing the program sees, and `list` is spread as it is (V8's fast path);
 * once a program replaced `Array.prototype[Symbol.iterator]` or the array iterators'
 * `next`, a Replay hands out the elements instead. protocol version 7.
 */
export function respread(list: unknown[]): Iterable<unknown> {
  return Array.prototype[Symbol.iterator] === arrayValues && ArrayIteratorPrototype.next === nativeArrayNext ? list : new Replay(list);
}

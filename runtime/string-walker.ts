/**
 * Picklable iteration over strings (docs/unsupported.md "Pickling a loop over a Map,
 * Set, Array or string iterator"). A string's native iterator keeps its position inside
 * the engine, so a frame holding one cannot be pickled; compiled for-of, `yield*`, array
 * patterns and `for await` over a primitive string whose iterator is the built-in one
 * walk it with a StringWalker instead: the steps of %StringIteratorPrototype%.next (one
 * code point at a time; a lone surrogate alone), with a position a pickle can read.
 * Strings are immutable, so a restored walk is exact.
 *
 * Nothing here runs program code, and this module touches no `rt`.
 */

const stringValues = String.prototype[Symbol.iterator];
const stringIterProto = Object.getPrototypeOf(""[Symbol.iterator]()) as { next: unknown };
const stringNext = stringIterProto.next;
const iterProto = Object.getPrototypeOf(stringIterProto) as Record<symbol, unknown>;
const iterSelf = iterProto[Symbol.iterator];

/**
 * `obj` is a primitive string and `m` (its Symbol.iterator, read already) the built-in
 * one, whose iterators are pristine: the walker's steps are then exactly theirs, and
 * having no `return`/`throw`, IteratorClose and yield* call nothing on either.
 */
export function walksLikeString(obj: unknown, m: unknown): obj is string {
  return (
    typeof obj === "string" && m === stringValues && stringIterProto.next === stringNext &&
    !("return" in stringIterProto) && !("throw" in stringIterProto) && iterProto[Symbol.iterator] === iterSelf
  );
}

export class StringWalker {
  index = 0;
  /** null once finished: a finished walk stays finished, as natively. */
  constructor(public string: string | null) {}

  next(): IteratorResult<string, undefined> {
    const s = this.string;
    if (s === null || this.index >= s.length) {
      this.string = null;
      return { value: undefined, done: true };
    }
    const at = this.index;
    // codePointAt gives a value above 0xFFFF only for a well-formed surrogate pair.
    const end = at + ((s.codePointAt(at) as number) > 0xffff ? 2 : 1);
    this.index = end;
    return { value: s.slice(at, end), done: false };
  }

  /** Unpickling: `[string or null, index]`, checked (snapshot data). */
  static restore(d: unknown): StringWalker {
    if (!Array.isArray(d) || d.length !== 2) throw new TypeError("a string walker is [string, index]");
    const [s, index] = d as unknown[];
    if (s !== null && typeof s !== "string") throw new TypeError("a string walker's string must be a string or null");
    if (typeof index !== "number" || !Number.isSafeInteger(index) || index < 0 || (s !== null && index > s.length)) {
      throw new TypeError("a string walker's index must be an integer within its string");
    }
    const w = new StringWalker(s);
    w.index = index;
    return w;
  }
}

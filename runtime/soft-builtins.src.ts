/**
 * Tasklet-code versions of the built-ins that call back (DESIGN.md "Nesting", issue 5):
 * compiled call sites of `arr.map(cb)` & co. call these instead of the native method
 * when the receiver is a plain Array (or Map, Set, string), so that a switch inside the
 * callback is soft and the tasklet stays restorable.
 *
 * This file is tasklet code: scripts/gen-soft-builtins.mjs compiles it with the plugin
 * into runtime/generated/soft-builtins.ts, which the runtime imports. Edit this file,
 * then run `node scripts/gen-soft-builtins.mjs` (a test checks the output is current).
 *
 * Each follows the specification's algorithm for the observable order of reads, calls
 * and writes (holes skipped where the native skips them, length read once, callbacks
 * called with (value, index, object) and thisArg). Receivers that are not plain arrays
 * never get here (runtime/soft.ts checks), so species and exotic objects stay native.
 */

type Cb = (this: unknown, v: any, i: number, o: any) => unknown;

// The native methods call nothing the program can replace but the callbacks (and the
// coercions and accessors the specification names): these call no Array.prototype.push,
// array iterator, String.prototype.slice… either. They append with `a[a.length] = v`,
// concatenate strings with `+`, and call captured built-ins.
//
// A callback that is not callable: each function below then calls the native method,
// which throws its own TypeError (V8's text: "#<Object> is not a function", "flatMap
// mapper function is not callable", …) before it reads or calls anything of the program.
const AP = Array.prototype;
const nativeMethods = {
  forEach: AP.forEach, map: AP.map, filter: AP.filter, some: AP.some, every: AP.every, find: AP.find,
  findIndex: AP.findIndex, findLast: AP.findLast, findLastIndex: AP.findLastIndex, reduce: AP.reduce,
  reduceRight: AP.reduceRight, flatMap: AP.flatMap, sort: AP.sort,
  mapForEach: Map.prototype.forEach, setForEach: Set.prototype.forEach,
};

/**
 * ArraySpeciesCreate(o, len) for the plain array `o` (runtime/soft.ts sends no other):
 * reads `o.constructor` and its Symbol.species as natively (an own `constructor`, or a
 * replaced Array.prototype.constructor or Array[Symbol.species], make the result).
 * null when the result is a plain array (the caller makes it); else the species'.
 * (Not checked: another realm's Array, which the specification replaces by undefined.)
 */
function speciesCreate(o: unknown[], len: number): any {
  let C: any = o.constructor;
  if ((typeof C === "object" && C !== null) || typeof C === "function") {
    C = C[Symbol.species];
    if (C === null) C = undefined;
  }
  if (C === undefined || C === Array) return null;
  if (typeof C !== "function") throw new TypeError("object.constructor[Symbol.species] is not a constructor");
  return new C(len);
}

/** CreateDataPropertyOrThrow: a species' result gets its elements defined, never set. */
function define(o: object, k: number, v: unknown): void {
  Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
}

export function forEach(this: any[], cb: Cb, thisArg?: unknown): undefined {
  if (typeof cb !== "function") return nativeMethods.forEach.call(this, cb) as undefined;
  const len = this.length;
  for (let k = 0; k < len; k++) if (k in this) cb.call(thisArg, this[k], k, this);
  return undefined;
}

export function map(this: any[], cb: Cb, thisArg?: unknown): unknown[] {
  if (typeof cb !== "function") return nativeMethods.map.call(this, cb);
  const len = this.length;
  const species = speciesCreate(this, len);
  if (species !== null) {
    for (let k = 0; k < len; k++) if (k in this) define(species, k, cb.call(thisArg, this[k], k, this));
    return species;
  }
  const out = new Array(len);
  for (let k = 0; k < len; k++) if (k in this) out[k] = cb.call(thisArg, this[k], k, this);
  return out;
}

export function filter(this: any[], cb: Cb, thisArg?: unknown): unknown[] {
  if (typeof cb !== "function") return nativeMethods.filter.call(this, cb);
  const len = this.length;
  const species = speciesCreate(this, 0);
  const out: unknown[] = species === null ? [] : species;
  let to = 0;
  for (let k = 0; k < len; k++) {
    if (!(k in this)) continue;
    const v = this[k];
    if (cb.call(thisArg, v, k, this)) {
      if (species === null) out[to] = v;
      else define(out, to, v);
      to++;
    }
  }
  return out;
}

export function some(this: any[], cb: Cb, thisArg?: unknown): boolean {
  if (typeof cb !== "function") return nativeMethods.some.call(this, cb);
  const len = this.length;
  for (let k = 0; k < len; k++) if (k in this && cb.call(thisArg, this[k], k, this)) return true;
  return false;
}

export function every(this: any[], cb: Cb, thisArg?: unknown): boolean {
  if (typeof cb !== "function") return nativeMethods.every.call(this, cb);
  const len = this.length;
  for (let k = 0; k < len; k++) if (k in this && !cb.call(thisArg, this[k], k, this)) return false;
  return true;
}

export function find(this: any[], cb: Cb, thisArg?: unknown): unknown {
  if (typeof cb !== "function") return nativeMethods.find.call(this, cb);
  const len = this.length;
  for (let k = 0; k < len; k++) {
    const v = this[k];
    if (cb.call(thisArg, v, k, this)) return v;
  }
  return undefined;
}

export function findIndex(this: any[], cb: Cb, thisArg?: unknown): number {
  if (typeof cb !== "function") return nativeMethods.findIndex.call(this, cb);
  const len = this.length;
  for (let k = 0; k < len; k++) if (cb.call(thisArg, this[k], k, this)) return k;
  return -1;
}

export function findLast(this: any[], cb: Cb, thisArg?: unknown): unknown {
  if (typeof cb !== "function") return nativeMethods.findLast.call(this, cb);
  for (let k = this.length - 1; k >= 0; k--) {
    const v = this[k];
    if (cb.call(thisArg, v, k, this)) return v;
  }
  return undefined;
}

export function findLastIndex(this: any[], cb: Cb, thisArg?: unknown): number {
  if (typeof cb !== "function") return nativeMethods.findLastIndex.call(this, cb);
  for (let k = this.length - 1; k >= 0; k--) if (cb.call(thisArg, this[k], k, this)) return k;
  return -1;
}

export function reduce(this: any[], cb: (acc: any, v: any, i: number, o: any) => unknown, ...init: unknown[]): unknown {
  if (typeof cb !== "function") return (nativeMethods.reduce as Function).call(this, cb);
  const len = this.length;
  let k = 0;
  let acc: unknown;
  if (init.length > 0) acc = init[0];
  else {
    while (k < len && !(k in this)) k++;
    if (k >= len) throw new TypeError("Reduce of empty array with no initial value");
    acc = this[k++];
  }
  for (; k < len; k++) if (k in this) acc = cb(acc, this[k], k, this);
  return acc;
}

export function reduceRight(this: any[], cb: (acc: any, v: any, i: number, o: any) => unknown, ...init: unknown[]): unknown {
  if (typeof cb !== "function") return (nativeMethods.reduceRight as Function).call(this, cb);
  let k = this.length - 1;
  let acc: unknown;
  if (init.length > 0) acc = init[0];
  else {
    while (k >= 0 && !(k in this)) k--;
    if (k < 0) throw new TypeError("Reduce of empty array with no initial value");
    acc = this[k--];
  }
  for (; k >= 0; k--) if (k in this) acc = cb(acc, this[k], k, this);
  return acc;
}

export function flatMap(this: any[], cb: Cb, thisArg?: unknown): unknown[] {
  if (typeof cb !== "function") return nativeMethods.flatMap.call(this, cb);
  const len = this.length;
  const species = speciesCreate(this, 0);
  const out: unknown[] = species === null ? [] : species;
  let to = 0;
  for (let k = 0; k < len; k++) {
    if (!(k in this)) continue;
    const r = cb.call(thisArg, this[k], k, this);
    if (Array.isArray(r)) {
      // FlattenIntoArray at depth 1: the element's length is read once, holes skipped.
      const rlen = toLength(r.length);
      for (let j = 0; j < rlen; j++) {
        if (!(j in r)) continue;
        if (species === null) out[to] = r[j];
        else define(out, to, r[j]);
        to++;
      }
    } else {
      if (species === null) out[to] = r;
      else define(out, to, r);
      to++;
    }
  }
  return out;
}

/** ToLength: an integer in [0, 2^53 - 1] (a BigInt or Symbol throws, as natively). */
function toLength(v: unknown): number {
  const n = Math.trunc(+(v as number));
  if (!(n > 0)) return 0;
  return n < Number.MAX_SAFE_INTEGER ? n : Number.MAX_SAFE_INTEGER;
}

/**
 * A stable merge sort, as the native sort is stable: the result is the same for any
 * consistent comparator; the order of comparator calls differs (like between engines).
 * undefined sorts last and holes are removed to the end, as natively.
 *
 * Bottom-up: insertion sort on runs of RUN elements, then merges of doubling width
 * between two buffers, the comparator called in place (not through a helper: every call
 * of tasklet code pays the call protocol). The recursive version, with a slice per level,
 * a helper per comparison and a push per element, took 41 ns per comparison where the
 * native sort takes 12 (2,000 numbers, `(a, b) => a - b`).
 */
const RUN = 8;

export function sort(this: any[], cmp?: (a: any, b: any) => number): any[] {
  if (cmp !== undefined && typeof cmp !== "function") return nativeMethods.sort.call(this, cmp);
  const len = this.length;
  // V8 returns a receiver shorter than 2 as it is, writing nothing (a frozen [x] sorts).
  if (len < 2) return this;
  let src: unknown[] = [];
  let undefs = 0;
  for (let k = 0; k < len; k++) {
    if (!(k in this)) continue;
    const v = this[k];
    if (v === undefined) undefs++;
    else src[src.length] = v;
  }
  const n = src.length;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = lo + RUN < n ? lo + RUN : n;
    for (let i = lo + 1; i < hi; i++) {
      const v = src[i];
      let j = i - 1;
      while (j >= lo) {
        let r = cmp === undefined ? byString(v, src[j]) : cmp(v, src[j]);
        if (typeof r !== "number") r = +r; // ToNumber: a BigInt or Symbol throws, as natively
        if (!(r < 0)) break; // NaN compares equal, as natively
        src[j + 1] = src[j];
        j--;
      }
      src[j + 1] = v;
    }
  }
  let dst: unknown[] = new Array(n);
  for (let w = RUN; w < n; w *= 2) {
    for (let lo = 0; lo < n; lo += 2 * w) {
      const mid = lo + w < n ? lo + w : n;
      const hi = lo + 2 * w < n ? lo + 2 * w : n;
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        let r = cmp === undefined ? byString(src[j], src[i]) : cmp(src[j], src[i]);
        if (typeof r !== "number") r = +r;
        // Only a right element strictly before the left one goes first: stable.
        if (r < 0) dst[k++] = src[j++];
        else dst[k++] = src[i++];
      }
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  let k = 0;
  for (; k < n; k++) this[k] = src[k];
  for (let u = 0; u < undefs; u++) this[k++] = undefined;
  for (; k < len; k++) delete this[k];
  return this;
}

/**
 * The default order: by the strings of the values (their toString runs here, as natively).
 * ToString is a template, not String(): String(symbol) gives its description, where
 * ToString throws TypeError as the native sort does.
 */
function byString(a: unknown, b: unknown): number {
  const sa = `${a as string}`;
  const sb = `${b as string}`;
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * Map.prototype.forEach and Set.prototype.forEach. runtime/soft.ts hands over `walk`, a
 * cursor over the collection's entries (a Map) or values (a Set) made by the built-in
 * methods (runtime/collection-cursor.ts): it takes the native forEach's steps, live
 * (entries added during the walk are visited, deleted ones skipped), reads no
 * Symbol.iterator and calls no iterator method the program may have replaced, as the
 * native forEach, and it pickles with its position.
 */
export function collectionForEach(coll: Map<unknown, unknown> | Set<unknown>, walk: Iterator<any>, isMap: boolean, cb: (v: any, k: any, c: any) => unknown, thisArg?: unknown): undefined {
  if (typeof cb !== "function") return (isMap ? nativeMethods.mapForEach : nativeMethods.setForEach).call(coll as never, cb) as undefined;
  for (;;) {
    const r = walk.next();
    if (r.done) return undefined;
    const e = r.value;
    // The entry is read before the call: neither it nor r is live across the callback.
    if (isMap) cb.call(thisArg, e[1], e[0], coll);
    else cb.call(thisArg, e, e, coll);
  }
}

/**
 * Array.from(items, mapFn, thisArg) over an iterator: runtime/soft.ts checked mapFn, read
 * items' Symbol.iterator once, opened the iterator (the runtime's picklable one for an
 * Array, string, Map or Set with the built-in iterator) and read its `next` once. A
 * throw from mapFn closes the iterator (IteratorClose: its `return`, whose own error is
 * dropped for mapFn's); a throw from `next` does not, as natively.
 */
export function arrayFromIterator(it: any, next: Function, mapFn: (v: any, i: number) => unknown, thisArg?: unknown): unknown[] {
  const out: unknown[] = [];
  for (let k = 0; ; k++) {
    const r = next.call(it);
    if ((typeof r !== "object" || r === null) && typeof r !== "function") throw new TypeError(`Iterator result ${String(r)} is not an object`);
    if (r.done) return out;
    const v = r.value;
    let mapped: unknown;
    try {
      mapped = mapFn.call(thisArg, v, k);
    } catch (e) {
      closeIterator(it);
      throw e;
    }
    out[k] = mapped;
  }
}

function closeIterator(it: any): void {
  try {
    const ret = it.return;
    if (ret !== undefined && ret !== null) ret.call(it);
  } catch {
    // The error being thrown wins over one from closing.
  }
}

/** Array.from(items, mapFn, thisArg) over an array-like (items has no Symbol.iterator). */
export function arrayFromLike(items: any, mapFn: (v: any, i: number) => unknown, thisArg?: unknown): unknown[] {
  const o = Object(items);
  const len = toLength(o.length);
  const out = new Array(len);
  for (let k = 0; k < len; k++) out[k] = mapFn.call(thisArg, o[k], k);
  return out;
}

const nativeReplace = String.prototype.replace;
const nativeReplaceAll = String.prototype.replaceAll;
const RP = RegExp.prototype;
const regExpExec = RP.exec;
const stringSlice = String.prototype.slice;
const stringIndexOf = String.prototype.indexOf;
const stringCodePointAt = String.prototype.codePointAt;
const regExpReplace = RP[Symbol.replace];

/**
 * String.prototype.replace/replaceAll with a replacer function. Matches are found first,
 * then the replacer is called for each in order with (match, ...groups, offset,
 * string[, groups]), as natively; a global RegExp's lastIndex ends at 0, as natively.
 * Only patterns whose matching is known go this way (ownMatching); the others go to the
 * native method (the replacer then runs nested), which also throws its own TypeError for
 * a non-global RegExp given to replaceAll.
 */
export function replace(this: string, pattern: unknown, replacer: unknown): string {
  return replaceWith(this, pattern, replacer, false);
}

export function replaceAll(this: string, pattern: unknown, replacer: unknown): string {
  return replaceWith(this, pattern, replacer, true);
}

/**
 * Whether replaceWith may match `pattern` itself: a primitive without a Symbol.replace
 * (matched as its string), or a RegExp with the built-in behaviour (RegExp.prototype
 * itself, unpatched exec and Symbol.replace, no own property but lastIndex), not sticky,
 * at lastIndex 0, and global for replaceAll. Anything else may run code of its own
 * (a subclass, Symbol.replace, exec, flags) or state we do not model.
 */
function ownMatching(pattern: unknown, all: boolean): boolean {
  if (pattern === null || pattern === undefined) return true;
  if (typeof pattern !== "object" && typeof pattern !== "function") return (pattern as { [Symbol.replace]?: unknown })[Symbol.replace] === undefined;
  if (!(pattern instanceof RegExp) || Object.getPrototypeOf(pattern) !== RP || RP.exec !== regExpExec || RP[Symbol.replace] !== regExpReplace) return false;
  const own = Reflect.ownKeys(pattern);
  return own.length === 1 && own[0] === "lastIndex" && !pattern.sticky && pattern.lastIndex === 0 && (!all || pattern.global);
}

function replaceWith(s: string, pattern: unknown, replacer: unknown, all: boolean): string {
  const str = String(s);
  if (typeof replacer !== "function" || !ownMatching(pattern, all)) {
    return (all ? nativeReplaceAll : nativeReplace).call(str, pattern as string, replacer as any);
  }
  let out = "";
  let last = 0;
  if (pattern instanceof RegExp) {
    const re = new RegExp(pattern.source, pattern.flags);
    const global = re.global;
    // Natively a global RegExp's lastIndex is set to 0 first (a frozen one throws before
    // any replacer call) and all matching is done before the first call, ending at 0:
    // the replacers see 0, and what they set stays. The matching here runs on `re`.
    if (global) pattern.lastIndex = 0;
    const fullUnicode = re.unicode || (re as { unicodeSets?: boolean }).unicodeSets === true;
    for (;;) {
      const m = regExpExec.call(re, str);
      if (m === null) break;
      const args: unknown[] = [];
      for (let i = 0; i < m.length; i++) args[i] = m[i];
      args[args.length] = m.index;
      args[args.length] = str;
      if (m.groups !== undefined) args[args.length] = m.groups;
      // The match's position is read before the replacer runs, so `m` is dead across the
      // call (a frame paused inside it does not save the match array).
      const at = m.index;
      const end = at + m[0].length;
      // ToString of the result: a template, as String(symbol) would not throw.
      const r = Reflect.apply(replacer as Function, undefined, args);
      out += stringSlice.call(str, last, at) + `${r as string}`;
      last = end;
      if (!global) break;
      // AdvanceStringIndex: past the whole code point under a u or v flag.
      // (codePointAt gives a value above 0xFFFF only for a well-formed surrogate pair.)
      if (end === at) re.lastIndex = fullUnicode && (stringCodePointAt.call(str, at) as number) > 0xffff ? at + 2 : at + 1;
    }
  } else {
    const needle = `${pattern as string}`;
    let at = stringIndexOf.call(str, needle);
    while (at >= 0) {
      const r = (replacer as Function)(needle, at, str);
      out += stringSlice.call(str, last, at) + `${r as string}`;
      last = at + needle.length;
      if (!all) break;
      // An empty needle matches at every position, the end included, then stops.
      if (needle.length === 0) at = at < str.length ? at + 1 : -1;
      else at = stringIndexOf.call(str, needle, last);
    }
  }
  return out + stringSlice.call(str, last);
}

const nativeParse = JSON.parse;

/** JSON.parse with a reviver: parse natively, then walk as InternalizeJSONProperty does. */
export function parse(text: string, reviver?: unknown): unknown {
  if (typeof reviver !== "function") return nativeParse(text);
  const root = { "": nativeParse(text) as unknown };
  return internalize(root, "", reviver as (this: unknown, k: string, v: unknown) => unknown);
}

/**
 * InternalizeJSONProperty: an array's length is read once, an object's keys taken once;
 * results are written with CreateDataProperty and removed with [[Delete]], which fail
 * silently (a reviver may freeze a holder) where `=` and `delete` would throw here.
 */
function internalize(holder: any, key: string, reviver: (this: unknown, k: string, v: unknown) => unknown): unknown {
  const val = holder[key];
  if (typeof val === "object" && val !== null) {
    if (Array.isArray(val)) {
      const len = toLength(val.length);
      for (let i = 0; i < len; i++) revive(val, String(i), reviver);
    } else {
      const ks = Object.keys(val);
      for (let i = 0; i < ks.length; i++) revive(val, ks[i]!, reviver);
    }
  }
  return reviver.call(holder, key, val);
}

function revive(val: object, k: string, reviver: (this: unknown, k: string, v: unknown) => unknown): void {
  const v = internalize(val, k, reviver);
  if (v === undefined) Reflect.deleteProperty(val, k);
  else Reflect.defineProperty(val, k, { value: v, writable: true, enumerable: true, configurable: true });
}

const nativeStringify = JSON.stringify;
const booleanValueOf = Boolean.prototype.valueOf;
const bigintValueOf = BigInt.prototype.valueOf;

/**
 * JSON.stringify with a replacer function: SerializeJSONProperty of the specification
 * (toJSON, then the replacer with the holder as this, unboxing, cycles), formatting
 * strings and numbers with the native stringify. Without a replacer function: native.
 */
export function stringify(value: unknown, replacer?: unknown, space?: unknown): string | undefined {
  if (typeof replacer !== "function") return nativeStringify(value, replacer as any, space as any);
  let gap = "";
  if (typeof space === "number" || space instanceof Number) {
    const n = Math.min(10, Math.trunc(Number(space)) || 0);
    for (let i = 0; i < n; i++) gap += " ";
  } else if (typeof space === "string" || space instanceof String) gap = stringSlice.call(String(space), 0, 10);
  const stack: Stack = { values: [], keys: [] };
  return serialize({ "": value }, "", "", gap, replacer as (this: unknown, k: string, v: unknown) => unknown, stack);
}

/** The objects being serialized, outermost first, and the key each was reached by. */
interface Stack {
  values: object[];
  keys: string[];
}

function serialize(holder: any, key: string, indent: string, gap: string, replacer: (this: unknown, k: string, v: unknown) => unknown, stack: Stack): string | undefined {
  let value = holder[key];
  // toJSON of any object (a function too) or BigInt, as natively.
  if ((typeof value === "object" && value !== null) || typeof value === "function" || typeof value === "bigint") {
    const toJSON = (value as any).toJSON;
    if (typeof toJSON === "function") value = toJSON.call(value, key);
  }
  value = replacer.call(holder, key, value);
  // Unboxing: Number and String objects through ToNumber/ToString (their valueOf/toString
  // run, as natively), Boolean and BigInt ones by their internal slot (the built-in
  // valueOf, whatever the program put on the object or its prototype). An array is no
  // wrapper: asked first, so a Proxy of one sees no getPrototypeOf trap (instanceof).
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    if (value instanceof Number) value = Number(value);
    else if (value instanceof String) value = String(value);
    else if (value instanceof Boolean) value = booleanValueOf.call(value);
    else if (value instanceof BigInt) value = bigintValueOf.call(value);
  }
  if (value === null) return "null";
  if (value === true) return "true";
  if (value === false) return "false";
  if (typeof value === "string") return nativeStringify(value);
  if (typeof value === "number") return nativeStringify(value);
  if (typeof value === "bigint") throw new TypeError("Do not know how to serialize a BigInt");
  if (typeof value !== "object" || typeof value === "function") return undefined;
  const depth = stack.values.length;
  for (let i = 0; i < depth; i++) if (stack.values[i] === value) throw new TypeError(circular(stack, i, key));
  stack.values[depth] = value;
  stack.keys[depth] = key;
  const inner = indent + gap;
  // The members, joined with "," (and the gap's newline and indent) as they come.
  const sep = gap === "" ? "," : `,\n${inner}`;
  let body = "";
  let out: string;
  if (Array.isArray(value)) {
    const len = toLength(value.length); // read once, as natively
    for (let i = 0; i < len; i++) {
      const v = serialize(value, String(i), inner, gap, replacer, stack);
      body += (i === 0 ? "" : sep) + (v === undefined ? "null" : v);
    }
    out = len === 0 ? "[]" : gap === "" ? `[${body}]` : `[\n${inner}${body}\n${indent}]`;
  } else {
    const ks = Object.keys(value);
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i]!;
      const v = serialize(value, k, inner, gap, replacer, stack);
      if (v !== undefined) body += (body === "" ? "" : sep) + `${nativeStringify(k)}:${gap === "" ? "" : " "}${v}`;
    }
    out = body === "" ? "{}" : gap === "" ? `{${body}}` : `{\n${inner}${body}\n${indent}}`;
  }
  stack.values.length = depth;
  stack.keys.length = depth;
  return out;
}

/**
 * V8's message for a cycle: the object met again, the path from it to the holder (the
 * first two and the last step when longer than three), and the key that closes it.
 */
function circular(stack: Stack, at: number, key: string): string {
  const { values, keys } = stack;
  let path = "";
  const last = values.length - 1;
  for (let j = at + 1; j <= last; j++) {
    if (last - at > 3 && j > at + 2 && j < last) {
      if (j === at + 3) path += "\n    |     ...";
      continue;
    }
    path += `\n    |     ${keyText(values[j - 1]!, keys[j]!)} -> object with constructor '${constructorName(values[j]!)}'`;
  }
  return `Converting circular structure to JSON\n    --> starting at object with constructor '${constructorName(values[at]!)}'${path}\n    --- ${keyText(values[last]!, key)} closes the circle`;
}

function keyText(holder: object, key: string): string {
  return Array.isArray(holder) ? `index ${key}` : `property '${key}'`;
}

/** The name of the object's prototype's own `constructor` (no getter runs), else Object. */
function constructorName(o: object): string {
  const proto = Object.getPrototypeOf(o);
  const c = proto === null ? undefined : Object.getOwnPropertyDescriptor(proto, "constructor")?.value;
  const name = typeof c === "function" ? Object.getOwnPropertyDescriptor(c, "name")?.value : undefined;
  return typeof name === "string" && name !== "" ? name : "Object";
}

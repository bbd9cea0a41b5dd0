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

function callable(cb: unknown, what: string): asserts cb is Function {
  if (typeof cb !== "function") throw new TypeError(`${String(cb)} is not a function (${what})`);
}

export function forEach(this: any[], cb: Cb, thisArg?: unknown): undefined {
  callable(cb, "Array.prototype.forEach");
  const len = this.length;
  for (let k = 0; k < len; k++) if (k in this) cb.call(thisArg, this[k], k, this);
  return undefined;
}

export function map(this: any[], cb: Cb, thisArg?: unknown): unknown[] {
  callable(cb, "Array.prototype.map");
  const len = this.length;
  const out = new Array(len);
  for (let k = 0; k < len; k++) if (k in this) out[k] = cb.call(thisArg, this[k], k, this);
  return out;
}

export function filter(this: any[], cb: Cb, thisArg?: unknown): unknown[] {
  callable(cb, "Array.prototype.filter");
  const len = this.length;
  const out: unknown[] = [];
  for (let k = 0; k < len; k++) {
    if (!(k in this)) continue;
    const v = this[k];
    if (cb.call(thisArg, v, k, this)) out.push(v);
  }
  return out;
}

export function some(this: any[], cb: Cb, thisArg?: unknown): boolean {
  callable(cb, "Array.prototype.some");
  const len = this.length;
  for (let k = 0; k < len; k++) if (k in this && cb.call(thisArg, this[k], k, this)) return true;
  return false;
}

export function every(this: any[], cb: Cb, thisArg?: unknown): boolean {
  callable(cb, "Array.prototype.every");
  const len = this.length;
  for (let k = 0; k < len; k++) if (k in this && !cb.call(thisArg, this[k], k, this)) return false;
  return true;
}

export function find(this: any[], cb: Cb, thisArg?: unknown): unknown {
  callable(cb, "Array.prototype.find");
  const len = this.length;
  for (let k = 0; k < len; k++) {
    const v = this[k];
    if (cb.call(thisArg, v, k, this)) return v;
  }
  return undefined;
}

export function findIndex(this: any[], cb: Cb, thisArg?: unknown): number {
  callable(cb, "Array.prototype.findIndex");
  const len = this.length;
  for (let k = 0; k < len; k++) if (cb.call(thisArg, this[k], k, this)) return k;
  return -1;
}

export function findLast(this: any[], cb: Cb, thisArg?: unknown): unknown {
  callable(cb, "Array.prototype.findLast");
  for (let k = this.length - 1; k >= 0; k--) {
    const v = this[k];
    if (cb.call(thisArg, v, k, this)) return v;
  }
  return undefined;
}

export function findLastIndex(this: any[], cb: Cb, thisArg?: unknown): number {
  callable(cb, "Array.prototype.findLastIndex");
  for (let k = this.length - 1; k >= 0; k--) if (cb.call(thisArg, this[k], k, this)) return k;
  return -1;
}

export function reduce(this: any[], cb: (acc: any, v: any, i: number, o: any) => unknown, ...init: unknown[]): unknown {
  callable(cb, "Array.prototype.reduce");
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
  callable(cb, "Array.prototype.reduceRight");
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
  callable(cb, "Array.prototype.flatMap");
  const len = this.length;
  const out: unknown[] = [];
  for (let k = 0; k < len; k++) {
    if (!(k in this)) continue;
    const r = cb.call(thisArg, this[k], k, this);
    if (Array.isArray(r)) {
      for (let j = 0; j < r.length; j++) if (j in r) out.push(r[j]);
    } else out.push(r);
  }
  return out;
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
  if (cmp !== undefined) callable(cmp, "Array.prototype.sort");
  const len = this.length;
  let src: unknown[] = [];
  let undefs = 0;
  for (let k = 0; k < len; k++) {
    if (!(k in this)) continue;
    const v = this[k];
    if (v === undefined) undefs++;
    else src.push(v);
  }
  const n = src.length;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = lo + RUN < n ? lo + RUN : n;
    for (let i = lo + 1; i < hi; i++) {
      const v = src[i];
      let j = i - 1;
      while (j >= lo) {
        let r = cmp === undefined ? byString(v, src[j]) : cmp(v, src[j]);
        if (typeof r !== "number") r = Number(r);
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
        if (typeof r !== "number") r = Number(r);
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

/** The default order: by the strings of the values (their toString runs here, as natively). */
function byString(a: unknown, b: unknown): number {
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Map.prototype.forEach and Set.prototype.forEach: live iteration, as natively. */
export function collectionForEach(this: Map<unknown, unknown> | Set<unknown>, cb: (v: any, k: any, c: any) => unknown, thisArg?: unknown): undefined {
  callable(cb, `${this instanceof Map ? "Map" : "Set"}.prototype.forEach`);
  if (this instanceof Map) {
    for (const [k, v] of this) cb.call(thisArg, v, k, this);
  } else {
    for (const v of this) cb.call(thisArg, v, v, this);
  }
  return undefined;
}

/** Array.from(items, mapFn, thisArg) for iterables and array-likes with a mapping function. */
export function arrayFrom(items: any, mapFn: (v: any, i: number) => unknown, thisArg?: unknown): unknown[] {
  callable(mapFn, "Array.from");
  const out: unknown[] = [];
  if (items != null && typeof items[Symbol.iterator] === "function") {
    let k = 0;
    for (const v of items) {
      out.push(mapFn.call(thisArg, v, k));
      k++;
    }
    return out;
  }
  const o = Object(items);
  const len = Math.max(0, Math.min(Number(o.length) || 0, Number.MAX_SAFE_INTEGER));
  for (let k = 0; k < len; k++) out.push(mapFn.call(thisArg, o[k], k));
  return out;
}

const nativeReplace = String.prototype.replace;
const nativeReplaceAll = String.prototype.replaceAll;
const RP = RegExp.prototype;
const regExpExec = RP.exec;
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
  const pieces: string[] = [];
  let last = 0;
  if (pattern instanceof RegExp) {
    const re = new RegExp(pattern.source, pattern.flags);
    const global = re.global;
    const fullUnicode = re.unicode || re.flags.includes("v");
    for (;;) {
      const m = re.exec(str);
      if (m === null) break;
      const args: unknown[] = [...m];
      args.push(m.index, str);
      if (m.groups !== undefined) args.push(m.groups);
      // The match's position is read before the replacer runs, so `m` is dead across the
      // call (a frame paused inside it does not save the match array).
      const at = m.index;
      const end = at + m[0].length;
      pieces.push(str.slice(last, at), String(replacer(...args)));
      last = end;
      if (!global) break;
      // AdvanceStringIndex: past the whole code point under a u or v flag.
      // (codePointAt gives a value above 0xFFFF only for a well-formed surrogate pair.)
      if (end === at) re.lastIndex = fullUnicode && (str.codePointAt(at) as number) > 0xffff ? at + 2 : at + 1;
    }
    if (global) pattern.lastIndex = 0;
  } else {
    const needle = String(pattern);
    let at = str.indexOf(needle);
    while (at >= 0) {
      pieces.push(str.slice(last, at), String(replacer(needle, at, str)));
      last = at + needle.length;
      if (!all) break;
      // An empty needle matches at every position, the end included, then stops.
      if (needle.length === 0) at = at < str.length ? at + 1 : -1;
      else at = str.indexOf(needle, last);
    }
  }
  pieces.push(str.slice(last));
  return pieces.join("");
}

const nativeParse = JSON.parse;

/** JSON.parse with a reviver: parse natively, then walk as InternalizeJSONProperty does. */
export function parse(text: string, reviver?: unknown): unknown {
  if (typeof reviver !== "function") return nativeParse(text);
  const root = { "": nativeParse(text) as unknown };
  return internalize(root, "", reviver as (this: unknown, k: string, v: unknown) => unknown);
}

function internalize(holder: any, key: string, reviver: (this: unknown, k: string, v: unknown) => unknown): unknown {
  const val = holder[key];
  if (typeof val === "object" && val !== null) {
    if (Array.isArray(val)) {
      for (let i = 0; i < val.length; i++) {
        const v = internalize(val, String(i), reviver);
        if (v === undefined) delete val[i];
        else val[i] = v;
      }
    } else {
      for (const k of Object.keys(val)) {
        const v = internalize(val, k, reviver);
        if (v === undefined) delete val[k];
        else val[k] = v;
      }
    }
  }
  return reviver.call(holder, key, val);
}

const nativeStringify = JSON.stringify;

/**
 * JSON.stringify with a replacer function: SerializeJSONProperty of the specification
 * (toJSON, then the replacer with the holder as this, unboxing, cycles), formatting
 * strings and numbers with the native stringify. Without a replacer function: native.
 */
export function stringify(value: unknown, replacer?: unknown, space?: unknown): string | undefined {
  if (typeof replacer !== "function") return nativeStringify(value, replacer as any, space as any);
  let gap = "";
  if (typeof space === "number" || space instanceof Number) gap = " ".repeat(Math.max(0, Math.min(10, Math.trunc(Number(space)) || 0)));
  else if (typeof space === "string" || space instanceof String) gap = String(space).slice(0, 10);
  const stack: object[] = [];
  return serialize({ "": value }, "", "", gap, replacer as (this: unknown, k: string, v: unknown) => unknown, stack);
}

function serialize(holder: any, key: string, indent: string, gap: string, replacer: (this: unknown, k: string, v: unknown) => unknown, stack: object[]): string | undefined {
  let value = holder[key];
  if ((typeof value === "object" && value !== null) || typeof value === "bigint") {
    const toJSON = (value as any).toJSON;
    if (typeof toJSON === "function") value = toJSON.call(value, key);
  }
  value = replacer.call(holder, key, value);
  if (typeof value === "object" && value !== null) {
    if (value instanceof Number) value = Number(value);
    else if (value instanceof String) value = String(value);
    else if (value instanceof Boolean) value = value.valueOf();
    else if (value instanceof BigInt) value = value.valueOf();
  }
  if (value === null) return "null";
  if (value === true) return "true";
  if (value === false) return "false";
  if (typeof value === "string") return nativeStringify(value);
  if (typeof value === "number") return nativeStringify(value);
  if (typeof value === "bigint") throw new TypeError("Do not know how to serialize a BigInt");
  if (typeof value !== "object" || typeof value === "function") return undefined;
  if (stack.includes(value)) throw new TypeError("Converting circular structure to JSON");
  stack.push(value);
  const inner = indent + gap;
  const parts: string[] = [];
  let out: string;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) parts.push(serialize(value, String(i), inner, gap, replacer, stack) ?? "null");
    out = parts.length === 0 ? "[]" : gap === "" ? `[${parts.join(",")}]` : `[\n${inner}${parts.join(`,\n${inner}`)}\n${indent}]`;
  } else {
    for (const k of Object.keys(value)) {
      const v = serialize(value, k, inner, gap, replacer, stack);
      if (v !== undefined) parts.push(`${nativeStringify(k)}:${gap === "" ? "" : " "}${v}`);
    }
    out = parts.length === 0 ? "{}" : gap === "" ? `{${parts.join(",")}}` : `{\n${inner}${parts.join(`,\n${inner}`)}\n${indent}}`;
  }
  stack.pop();
  return out;
}

/**
 * Soft switches through the built-ins that call back (issue 5, DESIGN.md "Nesting").
 * The compiler wraps the method of a call site whose name is one of SOFT_METHOD_NAMES:
 * `$t = $rt.soft($t, receiver)`. When the method is the native one and the receiver is
 * a plain Array (Map, Set; or Array for Array.from), it answers the tasklet-code version
 * of runtime/generated/soft-builtins.ts, so a switch inside the callback is soft and
 * the tasklet stays restorable. Generator methods on a compiled generator answer the soft
 * path of runtime/generator-soft.ts (the body runs as a direct call). Anything else is returned unchanged: plain code, other
 * receivers (subclasses, array-likes, species) keep their exact native behaviour.
 *
 * Known to compiler: the names below (compiler/emit/calls.ts emits the wrap for them).
 */
import { rt } from "./protocol.js";
import { rememberBound } from "./scheduler.js";
import * as g from "./generated/soft-builtins.js";
import { softGeneratorMethods } from "./generator-soft.js";
import { isCompiledGenerator } from "./generator.js";
import { asyncGeneratorLinkers, isCompiledAsyncGenerator, linkedAsyncState } from "./async-generator.js";
import { callWith, joinLists } from "./lists.js";
import { forEachCursor, isMap, isSet, CursorKind } from "./collection-cursor.js";
import { picklableIterator } from "./async-iteration.js";
import { notFunction } from "./generator.js";

export const SOFT_METHOD_NAMES = [
  "map", "forEach", "filter", "reduce", "reduceRight", "some", "every", "find", "findIndex",
  "findLast", "findLastIndex", "flatMap", "sort", "from", "bind", "replace", "replaceAll", "parse", "stringify",
  "next", "return", "throw",
] as const;

const AP = Array.prototype as unknown as Record<string, Function>;
const arrayMethods = new Map<Function, Function>([
  [AP.map!, g.map], [AP.forEach!, g.forEach], [AP.filter!, g.filter], [AP.reduce!, g.reduce],
  [AP.reduceRight!, g.reduceRight], [AP.some!, g.some], [AP.every!, g.every], [AP.find!, g.find],
  [AP.findIndex!, g.findIndex], [AP.findLast!, g.findLast], [AP.findLastIndex!, g.findLastIndex],
  [AP.flatMap!, g.flatMap], [AP.sort!, g.sort],
]);

function soft(fn: unknown, receiver: unknown): unknown {
  if (typeof fn !== "function") return fn;
  const a = arrayMethods.get(fn);
  if (a !== undefined) return Array.isArray(receiver) && Object.getPrototypeOf(receiver) === Array.prototype ? a : fn;
  const gm = softGeneratorMethods.get(fn);
  if (gm !== undefined) return isCompiledGenerator(receiver) ? gm : fn;
  const am = asyncGeneratorLinkers.get(fn);
  if (am !== undefined) return isCompiledAsyncGenerator(receiver) && linkedAsyncState(receiver) === undefined ? am : fn;
  if (fn === Map.prototype.forEach) return isMap(receiver) && Object.getPrototypeOf(receiver) === Map.prototype ? softMapForEach : fn;
  if (fn === Set.prototype.forEach) return isSet(receiver) && Object.getPrototypeOf(receiver) === Set.prototype ? softSetForEach : fn;
  if (fn === Array.from) return receiver === Array ? softArrayFrom : fn;
  if (fn === nativeBind) return typeof receiver === "function" ? softBind : fn;
  if (fn === String.prototype.replace) return typeof receiver === "string" ? g.replace : fn;
  if (fn === String.prototype.replaceAll) return typeof receiver === "string" ? g.replaceAll : fn;
  if (fn === JSON.parse) return receiver === JSON ? g.parse : fn;
  if (fn === JSON.stringify) return receiver === JSON ? g.stringify : fn;
  return fn;
}

const nativeBind = Function.prototype.bind;

/**
 * `f.bind(o, …)` called from tasklet code: the native bind, remembering the target when
 * it is tasklet code or a switching primitive, so that `new Tasklet(obj.method.bind(obj))`
 * and `new Tasklet(ch.send.bind(ch))` start it softly (Stackless's tasklet(self.method)).
 * Function.prototype.bind itself is never replaced: plain code keeps the built-in.
 */
function softBind(this: Function, self: unknown, ...args: unknown[]): Function {
  const bound = callWith(nativeBind, this, joinLists([self], args)) as Function;
  rememberBound(bound, this, self, args);
  return bound;
}

// The wrappers below are plain code that only prepare the arguments and then call the
// tasklet-code version directly (rt.callee set to it), returning what it returns: when it
// unwinds, its record is the frame that resumes, and the wrapper is never re-entered.

/**
 * Map/Set forEach: the walk is a cursor the runtime makes with the built-in methods
 * (runtime/collection-cursor.ts forEachCursor), which pickles; the callbacks run in
 * tasklet code.
 */
function softMapForEach(this: Map<unknown, unknown>, cb: unknown, thisArg?: unknown): unknown {
  rt.callee = g.collectionForEach;
  return (g.collectionForEach as Function)(this, forEachCursor(this, CursorKind.Entries), true, cb, thisArg);
}

function softSetForEach(this: Set<unknown>, cb: unknown, thisArg?: unknown): unknown {
  rt.callee = g.collectionForEach;
  return (g.collectionForEach as Function)(this, forEachCursor(this, CursorKind.Values), false, cb, thisArg);
}

/**
 * Array.from(items, mapFn, thisArg): the specification's steps up to the walk, the walk
 * in tasklet code. Without a mapping function it calls nothing back, and where it throws
 * before the walk (mapFn not callable, items null or undefined) the native method does,
 * with its own TypeError. items' Symbol.iterator is read once: absent, items is an
 * array-like; else the iterator is the runtime's picklable one for an Array, string, Map
 * or Set with the built-in iterator (async-iteration.ts picklableIterator), or the one
 * the method makes, whose `next` is read once (a compiled generator's answers its soft
 * version, so a switch in the generator's body is soft too).
 */
function softArrayFrom(this: unknown, items: unknown, mapFn?: unknown, thisArg?: unknown): unknown {
  if (mapFn === undefined || typeof mapFn !== "function" || items === null || items === undefined) return Array.from(items as Iterable<unknown>, mapFn as never, thisArg);
  const m = (items as Record<symbol, unknown>)[Symbol.iterator];
  if (m === undefined || m === null) {
    rt.callee = g.arrayFromLike;
    return (g.arrayFromLike as Function)(items, mapFn, thisArg);
  }
  if (typeof m !== "function") throw new TypeError("%Array%.from requires that the property of the first argument, items[Symbol.iterator], when exists, be a function");
  let it: object | undefined = picklableIterator(items, m);
  let next: unknown;
  if (it !== undefined) next = (it as { next: unknown }).next;
  else {
    const own = m.call(items) as unknown;
    if ((typeof own !== "object" || own === null) && typeof own !== "function") throw new TypeError("Result of the Symbol.iterator method is not an object");
    it = own as object;
    next = soft((own as { next: unknown }).next, own);
  }
  // IteratorStep would call it before any mapFn call: nothing runs in between.
  if (typeof next !== "function") notFunction(next);
  rt.callee = g.arrayFromIterator;
  return (g.arrayFromIterator as Function)(it, next, mapFn, thisArg);
}

rt.soft = soft;

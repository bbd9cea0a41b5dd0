/**
 * Built-in functions and objects pickle by reference, by name ("Array.prototype.push",
 * "console.log"), as Python pickles its builtins: the restoring process has the same ones.
 * Frames often hold them in temporaries (the callee and receiver of a pending call).
 *
 * Also the runtime's own API (Channel.prototype.receive, schedule, …), which compiled
 * frames hold the same way. Registered once, lazily, at the first pickle or unpickle.
 */
import { registerExternal } from "./pickle/index.js";

const GLOBAL_NAMES = [
  "Object", "Function", "Array", "Number", "String", "Boolean", "Symbol", "BigInt", "Math", "JSON", "Reflect",
  "Date", "RegExp", "Map", "Set", "WeakMap", "WeakSet", "Promise", "Error", "TypeError", "RangeError",
  "SyntaxError", "ReferenceError", "EvalError", "URIError", "ArrayBuffer", "DataView", "Int8Array",
  "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array",
  "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array", "Intl", "Atomics", "console",
  "parseInt", "parseFloat", "isNaN", "isFinite", "encodeURIComponent", "decodeURIComponent",
  "encodeURI", "decodeURI", "structuredClone", "setTimeout", "clearTimeout", "setImmediate",
  "setInterval", "clearInterval", "queueMicrotask", "globalThis", "process",
] as const;

let done = false;

export function registerBuiltins(extra: Record<string, object>): void {
  if (done) return;
  done = true;
  const g = globalThis as Record<string, unknown>;
  for (const name of GLOBAL_NAMES) {
    const v = g[name];
    if (v === undefined || v === null) continue;
    add(`${name}`, v);
    walk(name, v, 0);
  }
  for (const [name, v] of Object.entries(extra)) {
    add(`stackless-ts:${name}`, v);
    walk(`stackless-ts:${name}`, v, 0);
  }
}

const seen = new Set<unknown>();

function add(name: string, v: unknown): void {
  if ((typeof v !== "object" || v === null) && typeof v !== "function") return;
  if (seen.has(v)) return;
  seen.add(v);
  try {
    registerExternal(name, v);
  } catch {
    // Already registered under another name (e.g. an alias): the first name wins.
  }
}

/** Functions on the object and on its prototype, one level (plus `prototype` itself). */
function walk(prefix: string, v: unknown, depth: number): void {
  if (depth > 1 || ((typeof v !== "object" || v === null) && typeof v !== "function")) return;
  for (const key of Object.getOwnPropertyNames(v)) {
    let d: PropertyDescriptor | undefined;
    try {
      d = Object.getOwnPropertyDescriptor(v, key);
    } catch {
      continue;
    }
    if (d === undefined) continue;
    for (const [part, f] of [["", d.value], [":get", d.get], [":set", d.set]] as const) {
      if (typeof f === "function") add(`${prefix}.${key}${part}`, f);
    }
    if (key === "prototype" && typeof d.value === "object" && d.value !== null) {
      add(`${prefix}.prototype`, d.value);
      walk(`${prefix}.prototype`, d.value, depth + 1);
    }
  }
}

/**
 * Kinds of the built-in classes, the encoding kind of registered picklers, and the
 * resolvers for objects no prototype lookup finds (Error subclasses, null-prototype
 * objects, classes that can never be pickled). Payloads are listed in docs/FORMAT.md.
 *
 * Each kind restores what the class's own constructor can give back, checks what it
 * reads (a kind gets hostile bytes too), and puts in its head only what it needs to
 * create the object, so that cycles can go through its body.
 */
import { EXT } from "./extensions.js";
import { Encoder, resolvers, setArgumentsKind, setNamedArrayKind } from "./encoder.js";
import { defineOwn, isByRef, type Decoder } from "./decoder.js";
import { quote } from "./path.js";
import { mapSize, setSize } from "../collection-cursor.js";
import { CODE } from "../keys.js";
import { PickleError, RuntimeError, TaskletExit, ChannelClosedError, UnpickleError, CodeChangedError } from "../errors.js";
import {
  byRef,
  defineKind,
  picklersByName,
  registerExternal,
  setPicklerKindFactory,
  type Kind,
  type KindReader,
  type KindWriter,
  type PicklerEntry,
} from "./registry.js";

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The body's two props blocks of a kind that keeps own properties (errors, arguments,
 * named arrays): `hidden` (non-enumerable ones, defined non-enumerable again), then o's
 * enumerable own ones.
 */
function writeOwnProps(w: KindWriter, o: object, hidden: Record<string, unknown>): void {
  const enc = w as Encoder;
  enc.labels[enc.depth - 1] = "own property";
  enc.props(hidden, Object.keys(hidden));
  enc.props(o as Record<string, unknown>, Object.keys(o));
}

function readOwnProps(r: KindReader, o: object): void {
  const dec = r as Decoder;
  dec.readPropsInto(o, true, false);
  dec.readPropsInto(o, true, true);
}

// ---------------------------------------------------------------------------------
// Map, Set
//
// Their entries are read with the built-in forEach and size, as captured here: a Map's
// Symbol.iterator, `entries` or the array iterator (destructuring) may be the program's,
// which would write what they yield under the size's count (a corrupt snapshot). A
// tasklet paused in such a Map's forEach callback holds it (the forEach reads none of
// them, runtime/soft.ts).

const mapForEach = Map.prototype.forEach;
const setForEach = Set.prototype.forEach;

defineKind<Map<unknown, unknown>>({
  code: EXT.MAP,
  name: "Map",
  classes: [Map],
  describeAt(m, at) {
    const i = Number(at) >> 1;
    const key = [...m.keys()][i];
    return Number(at) & 1 ? `get(${quote(key)})` : `key of entry ${i}`;
  },
  create: () => new Map(),
  body(m, w) {
    w.list(mapSize.call(m) * 2);
    let i = 0;
    mapForEach.call(m, (v, k) => {
      w.write(k, i++);
      w.write(v, i++);
    });
  },
  fill(m, r) {
    const n = r.list();
    if (n & 1) r.fail("a Map with an odd number of keys and values");
    for (let i = 0; i < n; i += 2) {
      const k = r.read();
      m.set(k, r.read());
    }
  },
});

defineKind<Set<unknown>>({
  code: EXT.SET,
  name: "Set",
  classes: [Set],
  describeAt: (_s, at) => `member ${at}`,
  create: () => new Set(),
  body(s, w) {
    w.list(setSize.call(s));
    let i = 0;
    setForEach.call(s, (v) => w.write(v, i++));
  },
  fill(s, r) {
    const n = r.list();
    for (let i = 0; i < n; i++) s.add(r.read());
  },
});

// ---------------------------------------------------------------------------------
// Date, RegExp

defineKind<Date>({
  code: EXT.DATE,
  name: "Date",
  classes: [Date],
  head: (d, w) => w.write(d.getTime(), "time"),
  create: (r) => new Date(r.readNumber()),
});

defineKind<RegExp>({
  code: EXT.REGEXP,
  name: "RegExp",
  classes: [RegExp],
  head(re, w) {
    w.write(re.source, "source");
    w.write(re.flags, "flags");
  },
  create: (r) => new RegExp(r.readString(), r.readString()),
  body: (re, w) => w.write(re.lastIndex, "lastIndex"),
  fill(re, r) {
    re.lastIndex = r.read() as number;
  },
});

// ---------------------------------------------------------------------------------
// ArrayBuffer, typed arrays, DataView

/** Largest maxByteLength accepted for a resizable buffer (it reserves address space). */
const MAX_RESIZABLE = 2 ** 32;

/** ES2024 resizable buffers (Node 20 has them; lib ES2023 does not type them). */
interface Resizable {
  readonly resizable?: boolean;
  readonly maxByteLength: number;
}
const ResizableBuffer = ArrayBuffer as unknown as new (n: number, o?: { maxByteLength: number }) => ArrayBuffer;

defineKind<ArrayBuffer & Resizable>({
  code: EXT.ARRAY_BUFFER,
  name: "ArrayBuffer",
  classes: [ArrayBuffer],
  variant: (b) => (b.resizable === true ? 1 : 0),
  head(b, w) {
    if (b.resizable === true) w.write(b.maxByteLength, "maxByteLength");
    w.bin(new Uint8Array(b));
  },
  create(r, variant) {
    const max = variant === 1 ? r.readUint() : -1;
    const bytes = r.readBin();
    if (max >= 0 && (max < bytes.length || max > MAX_RESIZABLE)) r.fail(`maxByteLength ${max} for ${bytes.length} bytes`);
    const b = max >= 0 ? new ResizableBuffer(bytes.length, { maxByteLength: max }) : new ArrayBuffer(bytes.length);
    new Uint8Array(b).set(bytes);
    return b as ArrayBuffer & Resizable;
  },
});

type TypedArray = Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array | BigInt64Array | BigUint64Array;
type TypedArrayClass = { new (b: ArrayBuffer, off: number, len: number): TypedArray; readonly BYTES_PER_ELEMENT: number };

/** Index = variant byte. Buffer (Node) last: a Uint8Array subclass, restored as a Buffer. */
const TYPED: TypedArrayClass[] = [
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
];
const NodeBuffer = (globalThis as { Buffer?: { prototype: object; from(b: ArrayBuffer, off: number, len: number): Uint8Array } }).Buffer;
const BUFFER_VARIANT = TYPED.length;
const typedVariant = new Map<object, number>(TYPED.map((C, i) => [C.prototype, i]));
if (NodeBuffer !== undefined) typedVariant.set(NodeBuffer.prototype, BUFFER_VARIANT);

function readBuffer(r: KindReader): ArrayBuffer {
  const b = r.read();
  if (!(b instanceof ArrayBuffer)) r.fail("the buffer of a view is not an ArrayBuffer");
  return b;
}

function checkRange(r: KindReader, b: ArrayBuffer, off: number, bytes: number, align: number): void {
  if (off % align !== 0 || off + bytes > b.byteLength) r.fail(`a view of bytes ${off}..${off + bytes} of a ${b.byteLength}-byte buffer`);
}

defineKind<TypedArray>({
  code: EXT.TYPED_ARRAY,
  name: "typed array",
  classes: NodeBuffer === undefined ? TYPED : [...TYPED, NodeBuffer as unknown as Function],
  variant: (a) => typedVariant.get(Object.getPrototypeOf(a))!,
  head(a, w) {
    w.write(a.buffer, "buffer");
    w.write(a.byteOffset, "byteOffset");
    w.write(a.length, "length");
  },
  create(r, variant) {
    const C = variant === BUFFER_VARIANT ? Uint8Array : TYPED[variant];
    if (C === undefined || (variant === BUFFER_VARIANT && NodeBuffer === undefined)) return r.fail(`typed array type ${variant}`);
    const b = readBuffer(r);
    const off = r.readUint();
    const len = r.readUint();
    checkRange(r, b, off, len * C.BYTES_PER_ELEMENT, C.BYTES_PER_ELEMENT);
    return variant === BUFFER_VARIANT ? NodeBuffer!.from(b, off, len) : new C(b, off, len);
  },
});

defineKind<DataView>({
  code: EXT.DATA_VIEW,
  name: "DataView",
  classes: [DataView],
  head(v, w) {
    w.write(v.buffer, "buffer");
    w.write(v.byteOffset, "byteOffset");
    w.write(v.byteLength, "byteLength");
  },
  create(r) {
    const b = readBuffer(r);
    const off = r.readUint();
    const len = r.readUint();
    checkRange(r, b, off, len, 1);
    return new DataView(b, off, len);
  },
});

// ---------------------------------------------------------------------------------
// Errors
//
// An error is restored as its class when that class is built in (variant = index in
// BUILTIN_ERRORS) or registered by reference (variant BY_CLASS; the runtime's own error
// classes are registered below). Any other subclass is restored as its nearest built-in
// ancestor, keeping name, message, stack, cause and own properties: instanceof the
// subclass is lost (docs/FORMAT.md says so). Errors commonly sit in tasklet state (a
// caught error in a local), so refusing them would make those tasklets unpicklable.

const BUILTIN_ERRORS: (new (...a: any[]) => Error)[] = [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError, AggregateError];
const BUILTIN_PROTOS: object[] = BUILTIN_ERRORS.map((C) => C.prototype);
const AGGREGATE = BUILTIN_ERRORS.indexOf(AggregateError);
const BY_CLASS = 255;

function errorVariant(e: Error): number {
  let p: object | null = Object.getPrototypeOf(e);
  const own = (p as { constructor?: unknown } | null)?.constructor;
  if (typeof own === "function" && own.prototype === p && byRef.has(own) && !BUILTIN_PROTOS.includes(p!)) return BY_CLASS;
  for (; p !== null; p = Object.getPrototypeOf(p)) {
    const i = BUILTIN_PROTOS.indexOf(p);
    if (i >= 0) return i;
  }
  return 0;
}

const errorKind: Kind<Error> = {
  code: EXT.ERROR,
  name: "error",
  classes: BUILTIN_ERRORS,
  variant: errorVariant,
  describeAt: (_e, at) => (typeof at === "string" ? at : String(at)),
  head(e, w) {
    if (errorVariant(e) === BY_CLASS) w.write(Object.getPrototypeOf(e).constructor, "class");
    w.write(hasOwn.call(e, "message") ? e.message : undefined, "message");
  },
  create(r, variant) {
    let e: Error;
    if (variant === BY_CLASS) {
      const C = r.read();
      if (typeof C !== "function" || !isByRef(C) || !((C as { prototype?: unknown }).prototype instanceof Error)) return r.fail("an error class that is not a registered Error subclass");
      e = Reflect.construct(Error, [], C as Function) as Error;
    } else {
      const C = BUILTIN_ERRORS[variant];
      if (C === undefined) return r.fail(`error type ${variant}`);
      e = variant === AGGREGATE ? new AggregateError([]) : new C();
    }
    const message = r.read();
    if (message !== undefined) {
      if (typeof message !== "string") r.fail("an error message that is not a string");
      defineOwn(e, "message", message, false);
    }
    return e;
  },
  body(e, w) {
    w.write(hasOwn.call(e, "stack") ? e.stack : undefined, "stack");
    // Non-enumerable own properties (cause, errors, …), plus `name` when the restored
    // class would not give the same one.
    const hidden: Record<string, unknown> = {};
    for (const k of Object.getOwnPropertyNames(e)) {
      if (k !== "message" && k !== "stack" && !Object.getOwnPropertyDescriptor(e, k)!.enumerable) hidden[k] = (e as unknown as Record<string, unknown>)[k];
    }
    const variant = errorVariant(e);
    const inherited = variant === BY_CLASS ? Object.getPrototypeOf(e).name : BUILTIN_PROTOS[variant] && (BUILTIN_PROTOS[variant] as Error).name;
    if (!hasOwn.call(e, "name") && e.name !== inherited) hidden.name = e.name;
    writeOwnProps(w, e, hidden);
  },
  fill(e, r) {
    const stack = r.read();
    if (stack === undefined) delete (e as { stack?: unknown }).stack;
    else defineOwn(e, "stack", stack, false);
    readOwnProps(r, e);
  },
};
defineKind(errorKind);

resolvers.push((_o, proto) => {
  for (let p = proto; p !== null; p = Object.getPrototypeOf(p)) if (BUILTIN_PROTOS.includes(p)) return errorKind;
  return undefined;
});

// The runtime's errors round-trip as themselves.
for (const C of [TaskletExit, RuntimeError, ChannelClosedError, PickleError, UnpickleError, CodeChangedError]) {
  registerExternal(`stackless-ts:${C.name}`, C);
}

// ---------------------------------------------------------------------------------
// Arguments objects
//
// A compiled frame that reads `arguments` keeps the object in a slot (`$args`), and a
// generator keeps its call's until it starts: written as a plain object it came back
// without `length` and `[object Arguments]`. Restored as an unmapped arguments object
// (a mapped one loses its link to the parameters, which are slots by then anyway:
// docs/unsupported.md), with its own properties: length and, when it is a value (sloppy
// functions), callee, then the enumerable ones (indices included).

const strictArguments = function (): IArguments {
  "use strict";
  return arguments; // eslint-disable-line prefer-rest-params
};
// A sloppy function's (runtime modules are strict): its callee is a value, set in fill.
const sloppyArguments = Function("return arguments") as () => IArguments;

const argumentsKind: Kind<IArguments> = {
  code: EXT.ARGUMENTS,
  name: "arguments",
  classes: [],
  variant: (a) => (typeof Object.getOwnPropertyDescriptor(a, "callee")?.get === "function" ? 0 : 1),
  describeAt: (_a, at) => (typeof at === "string" ? at : String(at)),
  create: (r, variant) => (variant === 0 ? strictArguments() : variant === 1 ? sloppyArguments() : r.fail(`arguments variant ${variant}`)),
  body(a, w) {
    const hidden: Record<string, unknown> = {};
    for (const k of ["length", "callee"]) {
      const d = Object.getOwnPropertyDescriptor(a, k);
      if (d === undefined || !("value" in d) || d.enumerable) continue;
      // A plain function's callee (not tasklet code, not registered) is left out rather
      // than failing the pickle: the copy has none.
      if (k === "callee" && !(typeof d.value === "function" && ((d.value as { [CODE]?: unknown })[CODE] !== undefined || byRef.has(d.value)))) continue;
      hidden[k] = d.value;
    }
    writeOwnProps(w, a, hidden);
  },
  fill(a, r, variant) {
    delete (a as { length?: unknown }).length;
    if (variant === 1) delete (a as { callee?: unknown }).callee;
    readOwnProps(r, a);
  },
};
defineKind(argumentsKind);
setArgumentsKind(argumentsKind);

// ---------------------------------------------------------------------------------
// Arrays with named properties
//
// A match array (`index`, `input`, `groups`, `indices`) held across a switch came back
// as a bare array: `m.index` undefined after a restore. Written with its length, its
// non-enumerable own properties but length (a template object's `raw`), then its
// enumerable ones, indices included, so holes stay holes. Frozenness is not kept (as for
// every object).

const namedArrayKind: Kind<unknown[]> = {
  code: EXT.NAMED_ARRAY,
  name: "array",
  classes: [],
  describeAt: (_a, at) => (typeof at === "string" ? at : String(at)),
  create: () => [],
  body(a, w) {
    w.write(a.length, "length");
    const hidden: Record<string, unknown> = {};
    for (const k of Object.getOwnPropertyNames(a)) {
      if (k !== "length" && !Object.getOwnPropertyDescriptor(a, k)!.enumerable) hidden[k] = (a as unknown as Record<string, unknown>)[k];
    }
    writeOwnProps(w, a, hidden);
  },
  fill(a, r) {
    const n = r.readUint();
    if (n > 0xffffffff) r.fail(`an array length of ${n}`);
    a.length = n;
    readOwnProps(r, a);
  },
};
defineKind(namedArrayKind);
setNamedArrayKind(namedArrayKind);

// ---------------------------------------------------------------------------------
// Null-prototype objects

const nullObjectKind: Kind<object> = {
  code: EXT.OBJECT_NULL,
  name: "null-prototype object",
  classes: [],
  create: () => Object.create(null) as object, // decoded in decoder.ts; never called
  body(o, w) {
    (w as Encoder).props(o as Record<string, unknown>, Object.keys(o));
  },
};
defineKind(nullObjectKind, false);
resolvers.push((_o, proto) => (proto === null ? nullObjectKind : undefined));

// ---------------------------------------------------------------------------------
// Classes that can never be pickled: say why.

const never = new Map<object, string>();
function cannot(C: { prototype: object } | undefined, why: string): void {
  if (C !== undefined) never.set(C.prototype, why);
}
cannot(WeakMap, "a WeakMap cannot be pickled: its entries cannot be enumerated");
cannot(WeakSet, "a WeakSet cannot be pickled: its members cannot be enumerated");
cannot(WeakRef, "a WeakRef cannot be pickled");
cannot(FinalizationRegistry, "a FinalizationRegistry cannot be pickled");
cannot(Promise, "a Promise cannot be pickled: its state cannot be read (await it first)");
cannot(SharedArrayBuffer, "shared memory (SharedArrayBuffer) cannot be pickled");
cannot(globalThis.MessagePort as { prototype: object } | undefined, "a MessagePort cannot be pickled (registerExternal it)");
resolvers.push((_o, proto) => (proto === null ? undefined : never.get(proto)));

// ---------------------------------------------------------------------------------
// Registered picklers (registry.ts registerPickler)

/** The entry whose create() ran last: fill() comes right after it, with nothing in between. */
let lastEntry: PicklerEntry | null = null;

function picklerCreate(r: KindReader): object {
  const name = r.readString();
  const entry = picklersByName.get(name);
  if (entry === undefined) throw new UnpickleError(`the snapshot has an object of '${name}', for which no pickler is registered here (registerPickler)`);
  const data = r.read();
  const obj = entry.pickler.restore(data) as object;
  if ((typeof obj !== "object" || obj === null) && typeof obj !== "function") r.fail(`${name} restore() returned ${obj === null ? "null" : typeof obj}`);
  lastEntry = entry;
  return obj;
}

function picklerFill(obj: object, r: KindReader, variant: number): void {
  const entry = lastEntry!;
  lastEntry = null;
  if (variant !== 1) return;
  const state = r.read();
  if (entry.pickler.setState === undefined) r.fail(`${entry.name} has state in the snapshot but no setState`);
  entry.pickler.setState(obj, state);
}

defineKind({ code: EXT.PICKLER, name: "pickler", classes: [], create: picklerCreate, fill: picklerFill });

setPicklerKindFactory((entry): Kind<object> => ({
  code: EXT.PICKLER,
  name: entry.name,
  classes: [],
  variant: () => (entry.pickler.getState === undefined ? 0 : 1),
  describe: () => entry.name,
  head(o, w: KindWriter) {
    w.write(entry.name, "name");
    w.write(entry.pickler.reduce(o), "reduce()");
  },
  create: picklerCreate,
  body(o, w) {
    if (entry.pickler.getState !== undefined) w.write(entry.pickler.getState(o), "getState()");
  },
  fill: picklerFill,
}));

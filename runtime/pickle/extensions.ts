/**
 * The one table of msgpack extension type codes used by snapshots (STYLE habit 15).
 *
 * Rules
 * - Codes live in 1..100: msgpackr keeps 101..127 for itself and negative codes are
 *   MessagePack's own (-1 is the timestamp). Code 0 is what notepack/msgpackr use for
 *   `undefined`; we do not rely on it.
 * - Changing, reusing or re-purposing a code changes the format: bump FORMAT_VERSION and
 *   update docs/FORMAT.md in the same commit. Adding a new code for a new kind does not
 *   (old snapshots stay readable), but still goes into docs/FORMAT.md.
 * - Codes marked "runtime" are reserved here for kinds the runtime registers with
 *   registerKind() (registry.ts); registerKind refuses any code not listed in RUNTIME_CODES.
 *
 * Wire forms (details and payloads in docs/FORMAT.md):
 * - *data ext*: a standard msgpack ext whose bytes are the whole payload (HEADER, UNDEFINED,
 *   REF, HOLES, BIGINT, WTF16).
 * - *tag*: `fixext1 <code> <variant>` followed by the kind's payload as ordinary msgpack
 *   values (the convention msgpackr's `addExtension({ write, read })` uses for one value).
 */
export const EXT = {
  // --- structure --------------------------------------------------------------------
  /** fixext4 "SLP" + version byte: the first 6 bytes of every snapshot. */
  HEADER: 1,
  /** fixext1, data 0: `undefined`. */
  UNDEFINED: 2,
  /** fixext1/2/4, big-endian uint: the object with that id (ids count objects in order of creation). */
  REF: 3,
  /** fixext1/2/4, big-endian uint k ≥ 1: k holes, only as an element of an array. */
  HOLES: 4,
  /** tag, variant = key count n: defines the next shape (n key strings), then n values of one plain object. */
  SHAPE_DEF: 5,
  /** fixext1/2 shape id (< 65536), then that shape's values: one plain object. */
  SHAPED: 6,
  /** tag: a null-prototype object; a props block follows. */
  OBJECT_NULL: 7,

  // --- primitives without a msgpack form --------------------------------------------
  /** ext (any length): sign byte (0 = +, 1 = -) then magnitude, big-endian. */
  BIGINT: 10,
  /** tag: `Symbol.for(key)`; the key string follows. */
  SYMBOL: 11,
  /** ext (any length): a string that is not well-formed UTF-16 (lone surrogates), as UTF-16BE code units. */
  WTF16: 12,

  // --- built-in objects ---------------------------------------------------------------
  MAP: 20,
  SET: 21,
  DATE: 22,
  REGEXP: 23,
  ARRAY_BUFFER: 24,
  TYPED_ARRAY: 25,
  DATA_VIEW: 26,
  ERROR: 27,
  /** tag, variant 0 (callee an accessor: strict or unmapped) / 1 (callee a value): an arguments object. */
  ARGUMENTS: 28,
  /** tag: an array with named own properties (a RegExp match, a template object); length, hidden props, props. */
  NAMED_ARRAY: 29,

  // --- by reference and user types ------------------------------------------------------
  /** tag: registerExternal(name, value); the name follows. */
  EXTERNAL: 30,
  /** tag: a module-level binding (module id, name), registerModuleBinding. */
  MODULE_REF: 31,
  /** tag: registerPickler(Class, …); name, reduce() data, [state]. */
  PICKLER: 32,
  /** tag: a function of tasklet code (`fn[CODE]`, runtime/keys.ts), with its environment. */
  CLOSURE: 33,
  /** tag: an instance of a class registered by reference with `instances: true`; class, props. */
  INSTANCE: 34,
  /** reserved: frame chains are lists inside runtime kinds (code.ts writeFrameChain); this code labels them in error paths. */
  FRAMES: 35,
  /** tag: a class evaluated in a function (runtime/pickle/classes.ts): factory code, env, superclass; statics, prototype props. */
  CLASS: 36,

  // --- runtime (registered by runtime/*.ts through registerKind) -----------------------
  TASKLET: 40,
  CHANNEL: 41,
  /** a generator object of a compiled generator function (runtime/generator-snapshot.ts) */
  GENERATOR: 42,
  /** a generator object of a compiled async generator function (runtime/async-generator-snapshot.ts) */
  ASYNC_GENERATOR: 43,
  /** the state record of a compiled async generator (runtime/async-generator-snapshot.ts) */
  AGEN_STATE: 44,
  RUNTIME_45: 45,
  RUNTIME_46: 46,
  RUNTIME_47: 47,
  RUNTIME_48: 48,
  RUNTIME_49: 49,
} as const;

export type ExtCode = (typeof EXT)[keyof typeof EXT];

/** The codes registerKind() accepts from outside runtime/pickle. */
export const RUNTIME_CODES: ReadonlySet<number> = new Set([
  EXT.TASKLET, EXT.CHANNEL, EXT.GENERATOR, EXT.ASYNC_GENERATOR, EXT.AGEN_STATE,
  EXT.RUNTIME_45, EXT.RUNTIME_46, EXT.RUNTIME_47, EXT.RUNTIME_48, EXT.RUNTIME_49,
]);

/**
 * Version of the snapshot format. A reader accepts exactly its own version: a snapshot
 * of another version is an UnpickleError that names both.
 */
export const FORMAT_VERSION = 1;

/** "SLP": Stackless Pickle. */
export const MAGIC = [0x53, 0x4c, 0x50] as const;
export const HEADER_BYTES = 6;

/**
 * Nesting limit (containers inside containers) for pickle and unpickle alike, so that
 * anything pickle() writes, unpickle() reads, and crafted input cannot exhaust the JS
 * stack. Python's pickle has the same limit (its recursion limit, 1000 by default).
 * Measured under vitest on Node 20's default stack, the walk overflows at about 1,370
 * levels of Maps when pickling and 2,350 levels of objects when unpickling, so 1000
 * leaves room for a caller that is itself deep. A stack overflow that happens anyway
 * (a caller deeper still) is reported as PickleError/UnpickleError, not a RangeError.
 * Chains that are deep by nature (frames of deep recursion) are written as lists
 * (code.ts writeFrameChain).
 */
export const MAX_DEPTH = 1000;

/** Objects with more keys than this are written as msgpack maps, not shapes. */
export const MAX_SHAPE_KEYS = 32;
/** Shapes per snapshot; past it, objects are written as msgpack maps. */
export const MAX_SHAPES = 0x10000;

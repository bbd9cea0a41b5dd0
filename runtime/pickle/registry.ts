/**
 * What pickling knows beyond plain data: kinds (built-in and the runtime's), picklers
 * registered by users (Python's copyreg), and values pickled by reference (externals,
 * module-level bindings), plus the code lookup that rebuilds closures of tasklet code.
 *
 * Invariants
 * - A prototype maps to at most one kind (`kindsByProto`); a code to at most one decoding
 *   kind (`kindsByCode`). Matching is by exact prototype: a subclass of a registered
 *   class is not registered (it may have state its parent's reduce() does not know).
 * - `byRef` and the by-name tables are two views of the same registrations: pickle asks
 *   "value -> name", unpickle asks "name -> value". Re-registering a name replaces it;
 *   an older name keeps resolving (old snapshots still load).
 * - Only values reachable from these tables are ever constructed or returned by
 *   unpickle besides plain data: no global lookups, no function built from data.
 */
import { EXT, RUNTIME_CODES } from "./extensions.js";
import { runtimeBug } from "../bug.js";

// ---------------------------------------------------------------------------------
// Work that needs the whole graph

/** What restore functions of the unpickle() in progress left for when its graph is complete; null outside one. */
let finishers: Array<() => void> | null = null;

/**
 * @internal For a restore() whose object must see other objects of the snapshot as
 * they were pickled (a collection cursor placing itself among its collection's
 * entries): `fn` runs once the unpickle() in progress decoded the whole graph, before
 * it returns and so before any program code can change that graph.
 */
export function afterUnpickle(fn: () => void): void {
  if (finishers === null) runtimeBug("afterUnpickle", "called outside of unpickle()");
  finishers.push(fn);
}

/** @internal Runs `decode` (one unpickle), then what its restores left for the end; nested unpickles keep their own. */
export function decodeWhole<T>(decode: () => T): T {
  const outer = finishers;
  const mine: Array<() => void> = [];
  finishers = mine;
  try {
    const v = decode();
    for (const fn of mine) fn();
    return v;
  } finally {
    finishers = outer;
  }
}

// ---------------------------------------------------------------------------------
// Kinds: the extension point the runtime uses for tasklets, channels, …

/** A label for a value inside a kind's payload, shown in PickleError paths. */
export type PathLabel = string | number;

/** How a kind writes its payload: each call writes one msgpack value. */
export interface KindWriter {
  /** Writes any picklable value (shared references and cycles handled). `at` names it in error paths. */
  write(value: unknown, at?: PathLabel): void;
  /** Writes an array header of `n` items: the next `n` write() calls are its items. */
  list(n: number): void;
  /** Writes raw bytes (msgpack bin). */
  bin(bytes: Uint8Array): void;
}

/**
 * How a kind reads its payload back. Every method throws UnpickleError on bytes that do
 * not hold what it asks for, so a kind only has to check meaning (ranges, invariants).
 */
export interface KindReader {
  read(): unknown;
  readString(): string;
  /** Any msgpack number (not a BigInt). */
  readNumber(): number;
  /** A non-negative safe integer. */
  readUint(): number;
  /** An array header written by list(n); returns n (checked against the bytes left). */
  list(): number;
  /** Bytes written by bin(); a view into the snapshot: copy what you keep. */
  readBin(): Uint8Array;
  /** Throws UnpickleError naming the kind being read. */
  fail(why: string): never;
}

/**
 * A kind of object with its own wire form: `fixext1 <code> <variant>`, then what `head`
 * and `body` write.
 *
 * Identity and cycles: the object gets its id when `create` returns, i.e. after its head
 * and before its body. So the head must not lead back to the object (pickle throws
 * PickleError "cycle through the head of …"), and the body may (cycles are fine there).
 * Put in `head` what `create` needs, and everything else in `body`.
 *
 * @example A kind for a runtime class (a few lines each):
 * ```ts
 * registerKind<Channel>({
 *   code: EXT.CHANNEL, name: "channel", classes: [Channel],
 *   describe: (ch) => `channel ${ch.id}`,
 *   create: () => new Channel(),
 *   body(ch, w) { w.write(ch.preference, "preference"); w.write(queueOf(ch), "queue"); },
 *   fill(ch, r) { ch.preference = r.readNumber(); restoreQueue(ch, r.read()); },
 * });
 * ```
 */
export interface Kind<T extends object = object> {
  /** One of EXT (extensions.ts); the runtime may use only RUNTIME_CODES. */
  readonly code: number;
  /** Shown in paths and errors ("channel", "tasklet"). */
  readonly name: string;
  /** Values whose prototype is exactly `C.prototype` for one of these belong to this kind. */
  readonly classes: readonly Function[];
  /** A small number 0..255 stored in the tag and handed to create/fill. */
  variant?(value: T): number;
  /** This object's segment in a PickleError path, e.g. "tasklet 7". */
  describe?(value: T): string;
  /** The segment for a value written with `w.write(v, at)`; default: `at` as written. */
  describeAt?(value: T, at: PathLabel): string;
  head?(value: T, w: KindWriter): void;
  create(r: KindReader, variant: number): T;
  body?(value: T, w: KindWriter): void;
  fill?(value: T, r: KindReader, variant: number): void;
}

export const kindsByCode: (Kind<any> | undefined)[] = new Array(128).fill(undefined);
export const kindsByProto = new Map<object, Kind<any>>();

/** @internal registration of pickle's own kinds (any code of the table). */
export function defineKind<T extends object>(kind: Kind<T>, decodes = true): void {
  for (const C of kind.classes) {
    const proto = (C as { prototype?: unknown }).prototype;
    if (typeof proto !== "object" || proto === null) throw new TypeError(`kind ${kind.name}: ${String(C)} has no prototype object`);
    kindsByProto.set(proto, kind);
  }
  if (decodes) kindsByCode[kind.code] = kind;
}

/**
 * The runtime's hook: adds a kind (tasklet, channel, …) under one of the codes that
 * extensions.ts reserves for the runtime. Call it once at module load.
 */
export function registerKind<T extends object>(kind: Kind<T>): void {
  if (!RUNTIME_CODES.has(kind.code)) throw new TypeError(`registerKind(${kind.name}): code ${kind.code} is not reserved for the runtime in runtime/pickle/extensions.ts`);
  const other = kindsByCode[kind.code];
  if (other !== undefined && other.name !== kind.name) throw new TypeError(`registerKind(${kind.name}): code ${kind.code} is taken by kind ${other.name}`);
  for (const C of kind.classes) {
    const taken = kindsByProto.get((C as { prototype: object }).prototype);
    if (taken !== undefined && taken.name !== kind.name) throw new TypeError(`registerKind(${kind.name}): class ${C.name} already belongs to kind ${taken.name}`);
  }
  defineKind(kind);
}

// ---------------------------------------------------------------------------------
// By reference: externals and module-level bindings.

export interface RefEntry {
  /** EXT.EXTERNAL or EXT.MODULE_REF */
  readonly code: number;
  readonly name: string;
  /** module id for EXT.MODULE_REF, "" for externals */
  readonly moduleId: string;
}

/** value -> how to name it. Checked for every object and function pickled. */
export const byRef = new Map<unknown, RefEntry>();
export const externalsByName = new Map<string, unknown>();
export const moduleBindings = new Map<string, Map<string, unknown>>();
/** Classes whose instances pickle as (class by reference, own properties). */
export const instanceClasses = new Set<Function>();

function checkRefValue(what: string, value: unknown): void {
  if ((typeof value !== "object" || value === null) && typeof value !== "function") {
    throw new TypeError(`${what}: only objects and functions can be pickled by reference, got ${value === null ? "null" : typeof value}`);
  }
}

/**
 * Pickles `value` by reference as `name`: unpickle gives back whatever the unpickling
 * process registered under `name` (a socket, a logger, a module object). Unpickling a
 * name nobody registered is an UnpickleError. Returns a function that unregisters it.
 */
export function registerExternal(name: string, value: unknown): () => void {
  if (typeof name !== "string" || name === "") throw new TypeError("registerExternal(name, value): name must be a non-empty string");
  checkRefValue(`registerExternal('${name}')`, value);
  externalsByName.set(name, value);
  byRef.set(value, { code: EXT.EXTERNAL, name, moduleId: "" });
  return () => {
    if (externalsByName.get(name) === value) externalsByName.delete(name);
    const e = byRef.get(value);
    if (e !== undefined && e.code === EXT.EXTERNAL && e.name === name) byRef.delete(value);
  };
}

/**
 * For the runtime (`$m.binding`): a module-level function, class or object, pickled by
 * reference as (moduleId, name). With `instances: true` (classes of tasklet code),
 * instances of the class pickle as the class by reference plus their own enumerable
 * properties, and are restored without running the constructor.
 */
export function registerModuleBinding(moduleId: string, name: string, value: unknown, options: { instances?: boolean } = {}): () => void {
  if (typeof moduleId !== "string" || typeof name !== "string") throw new TypeError("registerModuleBinding(moduleId, name, value): ids must be strings");
  checkRefValue(`registerModuleBinding('${moduleId}', '${name}')`, value);
  let m = moduleBindings.get(moduleId);
  if (m === undefined) moduleBindings.set(moduleId, (m = new Map()));
  m.set(name, value);
  if (!byRef.has(value) || byRef.get(value)!.code === EXT.MODULE_REF) byRef.set(value, { code: EXT.MODULE_REF, name, moduleId });
  if (options.instances === true) {
    if (typeof value !== "function") throw new TypeError(`registerModuleBinding('${moduleId}', '${name}'): instances: true needs a class`);
    instanceClasses.add(value);
  }
  return () => {
    if (m!.get(name) === value) m!.delete(name);
    const e = byRef.get(value);
    if (e !== undefined && e.code === EXT.MODULE_REF && e.moduleId === moduleId && e.name === name) byRef.delete(value);
    instanceClasses.delete(value as Function);
  };
}

// ---------------------------------------------------------------------------------
// Picklers (copyreg).

/**
 * How to pickle instances of one class, as Python's copyreg/`__reduce__`:
 * `reduce(obj)` gives the data `restore(data)` needs to create the object again. The
 * data must not lead back to `obj`; for cycles, also give `getState`/`setState`: the
 * state is pickled after the object exists on restore, so it may refer to it.
 * `restore` and `setState` receive whatever the snapshot holds: validate it.
 */
export interface Pickler<T extends object = any, D = any, S = any> {
  reduce(obj: T): D;
  restore(data: D): T;
  getState?(obj: T): S;
  setState?(obj: T, state: S): void;
  /** Name written in snapshots; default the class's name. Must be unique and stable. */
  name?: string;
}

export interface PicklerEntry {
  readonly name: string;
  readonly cls: Function;
  readonly pickler: Pickler;
}

export const picklersByName = new Map<string, PicklerEntry>();

/** Built by pickle's kinds module: the encoding kind of one registered class. */
let makePicklerKind: ((entry: PicklerEntry) => Kind<any>) | null = null;
/** @internal */
export function setPicklerKindFactory(f: (entry: PicklerEntry) => Kind<any>): void {
  makePicklerKind = f;
}

/**
 * Registers how instances of `Class` (exact prototype, not subclasses) are pickled.
 * Returns a function that unregisters it.
 */
export function registerPickler<T extends object, D, S>(Class: abstract new (...args: any[]) => T, pickler: Pickler<T, D, S>): () => void {
  const proto = (Class as { prototype?: unknown })?.prototype;
  if (typeof Class !== "function" || typeof proto !== "object" || proto === null) throw new TypeError("registerPickler(Class, pickler): Class must be a class");
  if (typeof pickler?.reduce !== "function" || typeof pickler.restore !== "function") throw new TypeError(`registerPickler(${Class.name}): reduce and restore must be functions`);
  if ((pickler.getState === undefined) !== (pickler.setState === undefined)) throw new TypeError(`registerPickler(${Class.name}): give both getState and setState, or neither`);
  const name = pickler.name ?? Class.name;
  if (typeof name !== "string" || name === "") throw new TypeError("registerPickler(Class, pickler): the class has no name; pass { name }");
  const existing = kindsByProto.get(proto);
  if (existing !== undefined && existing.code !== EXT.PICKLER) throw new TypeError(`registerPickler(${name}): ${Class.name} is pickled by the built-in kind ${existing.name}`);
  const other = picklersByName.get(name);
  if (other !== undefined && other.cls !== Class) throw new TypeError(`registerPickler: the name '${name}' is taken by another class; pass a unique { name }`);
  if (makePicklerKind === null) throw new Error("registerPickler: runtime/pickle/kinds.ts not loaded (import from runtime/pickle/index.ts)");
  const entry: PicklerEntry = { name, cls: Class, pickler: pickler as Pickler };
  picklersByName.set(name, entry);
  const kind = makePicklerKind(entry);
  kindsByProto.set(proto, kind);
  return () => {
    if (picklersByName.get(name) === entry) picklersByName.delete(name);
    if (kindsByProto.get(proto) === kind) kindsByProto.delete(proto);
  };
}

// ---------------------------------------------------------------------------------
// Code lookup: how closures of tasklet code come back.

/**
 * What the runtime knows about one loaded function of tasklet code. The runtime's
 * CodeRecord (runtime/protocol.ts) has this shape already.
 */
export interface CodeEntry {
  readonly name: string;
  readonly hash: string;
  /** Rebuilds a closure of this code around an environment record. */
  readonly factory?: ((env: any) => Function) | null;
  /** The factory makes a class evaluated in a function (CLASS), not a closure. */
  readonly classFactory?: boolean;
  /** The one function object of this code (module-level functions). */
  readonly fn?: Function | null;
}

/**
 * Installed by the runtime: `findCode(id)` is the loaded code with that id, or
 * undefined. Unpickling a closure then gives `factory(env)` if the snapshot had an
 * environment, else `fn` (the same object as the loaded function). A hash that differs
 * from the snapshot's is a CodeChangedError; an id the lookup does not know is an
 * UnpickleError (unpickleAsync loads the module first).
 */
export interface CodeLookup {
  findCode(id: string): CodeEntry | undefined;
}

export let codeLookup: CodeLookup | null = null;

/** Installs the lookup (the runtime does, at load); returns the previous one. */
export function setCodeLookup(lookup: CodeLookup | null): CodeLookup | null {
  const prev = codeLookup;
  codeLookup = lookup;
  return prev;
}

/**
 * The graph encoder: one depth-first walk that writes msgpack and numbers objects.
 *
 * Identity (the reference table): every object gets the next id, 0, 1, 2, …, at the
 * moment the decoder will create it: plain objects, arrays and null-prototype objects
 * before their contents, kinds after their head and before their body, references by
 * name (externals, module bindings) once looked up. An object met again is written as
 * EXT.REF(id). Ids cost no bytes; only the back references do. The decoder pushes each
 * object it creates on a list in the same order, so the numbering agrees without being
 * written down (docs/FORMAT.md, "Identity").
 *
 * Invariants
 * - `seen.get(o)` is o's id, or -1 while o's head is being written (o does not exist yet
 *   on the decoder's side: meeting it then is a cycle we cannot restore).
 * - `trail[0..depth)` are the containers being written, outermost first; only path.ts
 *   reads them, after a failure. Nothing else is kept per value, so the happy path pays
 *   three stores per container.
 * - A failed pickle leaves no trace: all state is in this object, which is reset.
 */
import { PickleError } from "../errors.js";
import { CODE } from "../keys.js";
import { ByteWriter } from "./writer.js";
import { EXT, FORMAT_VERSION, MAGIC, MAX_DEPTH, MAX_SHAPE_KEYS, MAX_SHAPES } from "./extensions.js";
import { byRef, kindsByProto, type Kind, type KindWriter, type PathLabel } from "./registry.js";
import { pathTo } from "./path.js";

/** A node of the shape trie: the keys written so far lead here. */
interface ShapeNode {
  id: number;
  next: Map<string, ShapeNode> | null;
  /** the keys leading here, once the shape is defined (id >= 0) */
  keys: string[] | null;
}

/**
 * Resolves objects no prototype lookup found (Error subclasses, class instances of
 * tasklet code, null-prototype objects): returns the kind that writes it, or a reason
 * it cannot be pickled. Installed by kinds.ts and code.ts.
 */
export type Resolver = (value: object, proto: object | null) => Kind<any> | string | undefined;
export const resolvers: Resolver[] = [];

/** Kind for functions that are not registered by reference (closures: code.ts). */
export let functionKind: ((fn: Function) => Kind<any> | string) | null = null;
export function setFunctionKind(f: (fn: Function) => Kind<any> | string): void {
  functionKind = f;
}

/**
 * Kind for arguments objects (kinds.ts). Their prototype is Object.prototype, so they are
 * told from plain objects on the hot path: an own `callee` first (cheap; every arguments
 * object has one), then the tag.
 */
let argumentsKind: Kind<any> | null = null;
export function setArgumentsKind(k: Kind<any>): void {
  argumentsKind = k;
}
const hasOwnProp = Object.prototype.hasOwnProperty;
const objectToString = Object.prototype.toString;
function isArgumentsObject(o: object): boolean {
  return hasOwnProp.call(o, "callee") && objectToString.call(o) === "[object Arguments]";
}

/**
 * Kind for the arrays that carry named properties of their own (kinds.ts): what
 * `RegExp.prototype.exec`, `String.prototype.match` and `matchAll` return (`index`,
 * `input`, `groups`) and template objects (`raw`). Told from other arrays by those names
 * alone: finding any named property would cost a walk over every index of every array.
 */
let namedArrayKind: Kind<any> | null = null;
export function setNamedArrayKind(k: Kind<any>): void {
  namedArrayKind = k;
}
function isNamedArray(a: object): boolean {
  return hasOwnProp.call(a, "index") || hasOwnProp.call(a, "input") || hasOwnProp.call(a, "raw");
}

/** `v[CODE].hash` of a function of tasklet code, else undefined. */
export function codeHashOf(v: unknown): string | undefined {
  if (typeof v !== "function") return undefined;
  const code = (v as { [CODE]?: { hash?: unknown } })[CODE];
  return typeof code === "object" && code !== null && typeof code.hash === "string" ? code.hash : undefined;
}

export class Encoder extends ByteWriter implements KindWriter {
  seen = new Map<unknown, number>();
  nextId = 0;
  shapeRoot: ShapeNode = { id: -1, next: null, keys: null };
  /** Object.prototype has no enumerable key, so for-in sees own keys only (checked per pickle). */
  protoClean = true;
  shapeCount = 0;
  trail: unknown[] = [];
  kinds: (Kind<any> | null)[] = [];
  labels: (PathLabel | undefined)[] = [];
  depth = 0;
  /** Environments whose id a closure's head gave and whose properties its body writes (code.ts). */
  shells = new Set<object>();
  /**
   * Written by value even if a module binds them: the value given to pickle() (root) and
   * the tasklets of a snapshot() (roots). Module-level bindings are references when reached from what
   * is pickled (frames, other objects), but `pickle(t)` of a tasklet a script's top level
   * holds in a `const` asks for t's state, as Stackless's `pickle.dumps(t)` gives it.
   */
  root: unknown = undefined;
  roots: ReadonlySet<unknown> | null = null;

  reset(): void {
    this.shells.clear();
    this.root = undefined;
    this.roots = null;
    this.pos = 0;
    this.seen = new Map();
    this.nextId = 0;
    this.shapeRoot = { id: -1, next: null, keys: null };
    this.shapeCount = 0;
    this.trail.length = 0;
    this.kinds.length = 0;
    this.labels.length = 0;
    this.depth = 0;
  }

  header(): void {
    this.protoClean = true;
    for (const _ in Object.prototype) this.protoClean = false;
    this.ensure(6);
    this.buf[this.pos++] = 0xd6;
    this.buf[this.pos++] = EXT.HEADER;
    this.buf[this.pos++] = MAGIC[0];
    this.buf[this.pos++] = MAGIC[1];
    this.buf[this.pos++] = MAGIC[2];
    this.buf[this.pos++] = FORMAT_VERSION;
  }

  // --- KindWriter ---------------------------------------------------------------------

  write(value: unknown, at?: PathLabel): void {
    this.labels[this.depth - 1] = at;
    this.value(value);
  }

  list(n: number): void {
    if (this.depth > 0) this.labels[this.depth - 1] = undefined;
    this.arrayHeader(n);
  }

  // bin(bytes) is ByteWriter's.

  // --- errors ---------------------------------------------------------------------------

  /** Throws PickleError for `culprit` with the path to it. */
  fail(culprit: unknown, why: string, cause?: unknown, culpritIsContainer = false): never {
    const path = pathTo(this, culprit, culpritIsContainer);
    throw new PickleError(`${path}: ${why}`, cause === undefined ? undefined : { cause });
  }

  // --- the walk ---------------------------------------------------------------------------

  value(v: unknown): void {
    switch (typeof v) {
      case "string":
        this.string(v);
        return;
      case "number":
        this.number(v);
        return;
      case "boolean":
        this.byte(v ? 0xc3 : 0xc2);
        return;
      case "undefined":
        this.tag(EXT.UNDEFINED, 0);
        return;
      case "object":
        if (v === null) this.byte(0xc0);
        else this.object(v);
        return;
      case "function":
        this.func(v);
        return;
      case "bigint":
        this.bigint(v);
        return;
      case "symbol":
        this.symbol(v);
        return;
    }
  }

  private symbol(s: symbol): void {
    const key = Symbol.keyFor(s);
    if (key === undefined) this.fail(s, "only symbols from Symbol.for() can be pickled (they are found again by their key)");
    this.tag(EXT.SYMBOL, 0);
    this.string(key);
  }

  private bigint(v: bigint): void {
    const neg = v < 0n;
    let hex = (neg ? -v : v).toString(16);
    if (hex.length & 1) hex = "0" + hex;
    const n = hex.length >> 1;
    this.extHeader(EXT.BIGINT, 1 + n);
    this.ensure(1 + n);
    this.buf[this.pos++] = neg ? 1 : 0;
    for (let i = 0; i < n; i++) this.buf[this.pos++] = parseInt(hex.substr(2 * i, 2), 16);
  }

  /** A reference if seen; else true if `v` was written by name, false if it still needs writing. */
  private known(v: object | Function): boolean {
    const id = this.seen.get(v);
    if (id !== undefined) {
      if (id < 0) this.fail(v, "it is reached again from the head of its own pickle (what must exist before it can be created); a pickler needs getState/setState for such cycles");
      this.extUint(EXT.REF, id);
      return true;
    }
    if (byRef.size !== 0) {
      const ref = byRef.get(v);
      if (ref !== undefined && !(ref.code === EXT.MODULE_REF && (v === this.root || (this.roots !== null && this.roots.has(v))))) {
        // A compiled function or class by reference carries its code hash, so that a
        // snapshot of its frames cannot silently resume changed code.
        const hash = ref.code === EXT.MODULE_REF ? codeHashOf(v) : undefined;
        this.tag(ref.code, hash === undefined ? 0 : 1);
        if (ref.code === EXT.MODULE_REF) this.string(ref.moduleId);
        this.string(ref.name);
        if (hash !== undefined) this.string(hash);
        this.seen.set(v, this.nextId++);
        return true;
      }
    }
    return false;
  }

  private func(fn: Function): void {
    if (this.known(fn)) return;
    const kind = functionKind === null ? "functions of plain code cannot be pickled (register it with registerExternal)" : functionKind(fn);
    if (typeof kind === "string") this.fail(fn, kind);
    this.kind(kind, fn);
  }

  private object(o: object): void {
    if (this.known(o)) return;
    const proto = Object.getPrototypeOf(o);
    if (proto === Object.prototype && !(argumentsKind !== null && isArgumentsObject(o))) {
      this.seen.set(o, this.nextId++);
      this.plainObject(o as Record<string, unknown>);
    } else if (proto === Object.prototype) {
      this.kind(argumentsKind!, o);
    } else if (proto === Array.prototype) {
      if (namedArrayKind !== null && isNamedArray(o)) {
        this.kind(namedArrayKind, o);
      } else {
        this.seen.set(o, this.nextId++);
        this.array(o as unknown[]);
      }
    } else {
      let kind: Kind<any> | string | undefined = kindsByProto.get(proto);
      for (let i = 0; kind === undefined && i < resolvers.length; i++) kind = resolvers[i]!(o, proto);
      if (kind === undefined) kind = "its class is neither registered (registerPickler, registerExternal) nor tasklet code";
      if (typeof kind === "string") this.fail(o, kind);
      this.kind(kind, o);
    }
  }

  enter(o: unknown, kind: Kind<any> | null): void {
    const d = this.depth;
    if (d >= MAX_DEPTH) this.fail(o, `nested more than ${MAX_DEPTH} levels deep (pickle long chains as arrays)`);
    this.trail[d] = o;
    this.kinds[d] = kind;
    this.labels[d] = undefined;
    this.depth = d + 1;
  }

  kind(kind: Kind<any>, o: object): void {
    const variant = kind.variant === undefined ? 0 : kind.variant(o);
    if (!(variant >= 0 && variant <= 255 && variant === (variant | 0))) this.fail(o, `kind ${kind.name} gave variant ${variant}, not an integer in 0..255`);
    this.tag(kind.code, variant);
    this.seen.set(o, -1);
    this.enter(o, kind);
    if (kind.head !== undefined) kind.head(o, this);
    this.seen.set(o, this.nextId++);
    if (kind.body !== undefined) kind.body(o, this);
    this.depth--;
  }

  /**
   * The hot path: an object whose shape was already written costs a walk of the shape
   * trie with for-in (no key array allocated) and its values in the shape's key order,
   * which is o's own order: for-in lists own keys as Object.keys does, then inherited
   * enumerable ones, of which Object.prototype has none (protoClean).
   */
  private plainObject(o: Record<string, unknown>): void {
    if (this.protoClean) {
      let at: ShapeNode | null = this.shapeRoot;
      let n = 0;
      for (const k in o) {
        if (++n > MAX_SHAPE_KEYS) {
          at = null;
          break;
        }
        const next: ShapeNode | undefined = at!.next === null ? undefined : at!.next.get(k);
        if (next === undefined) {
          at = null;
          break;
        }
        at = next;
      }
      if (at !== null && at.keys !== null && n > 0) {
        const keys = at.keys;
        this.extUint(EXT.SHAPED, at.id);
        this.enter(o, null);
        for (let i = 0; i < keys.length; i++) this.value(o[keys[i]!]);
        this.depth--;
        return;
      }
    }
    this.props(o, Object.keys(o));
  }

  /**
   * A props block: o's own enumerable string keys and values, as a shape (first use
   * defines it) or, for objects with many keys, a msgpack map. Also the body of
   * null-prototype objects, instances and errors.
   */
  props(o: Record<string, unknown>, keys: string[]): void {
    const n = keys.length;
    if (n === 0) {
      this.byte(0x80);
      return;
    }
    let node: ShapeNode | null = null;
    if (n <= MAX_SHAPE_KEYS) {
      let at: ShapeNode = this.shapeRoot;
      for (let i = 0; i < n; i++) {
        const k = keys[i]!;
        let next: ShapeNode | undefined = at.next === null ? undefined : at.next.get(k);
        if (next === undefined) {
          next = { id: -1, next: null, keys: null };
          (at.next ??= new Map()).set(k, next);
        }
        at = next;
      }
      node = at;
      if (node.id >= 0) this.extUint(EXT.SHAPED, node.id);
      else if (this.shapeCount < MAX_SHAPES) {
        node.id = this.shapeCount++;
        node.keys = keys;
        this.tag(EXT.SHAPE_DEF, n);
        for (let i = 0; i < n; i++) this.string(keys[i]!);
      } else node = null;
    }
    this.enter(o, null);
    if (node === null) {
      this.mapHeader(n);
      for (let i = 0; i < n; i++) {
        const k = keys[i]!;
        this.string(k);
        this.value(o[k]);
      }
    } else {
      for (let i = 0; i < n; i++) this.value(o[keys[i]!]);
    }
    this.depth--;
  }

  private array(a: unknown[]): void {
    const n = a.length;
    this.arrayHeader(n);
    this.enter(a, null);
    for (let i = 0; i < n; i++) {
      const v = a[i];
      if (v === undefined && !(i in a)) {
        this.holey(a, i);
        break;
      }
      this.value(v);
    }
    this.depth--;
  }

  /**
   * The rest of an array from its first hole at `from`: runs of holes as EXT.HOLES(k).
   * The elements are found through Object.keys, so a huge sparse array costs its
   * elements, not its length.
   */
  private holey(a: unknown[], from: number): void {
    const n = a.length;
    let at = from;
    for (const k of Object.keys(a)) {
      const i = Number(k);
      if (!(i >= at && i < n && String(i) === k)) continue;
      if (i > at) this.extUint(EXT.HOLES, i - at);
      this.value(a[i]);
      at = i + 1;
    }
    if (at < n) this.extUint(EXT.HOLES, n - at);
  }
}

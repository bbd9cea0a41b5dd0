/**
 * The graph decoder: reads what encoder.ts writes, and nothing else, from bytes that
 * may be hostile.
 *
 * Safety invariants (each one is what keeps a crafted snapshot harmless):
 * - Every read checks the bytes left first (`need`), and every declared count is checked
 *   against them before anything is allocated for it: an array or map of n entries needs
 *   at least n (2n) more bytes. So allocation is bounded by the input's size.
 * - Nesting is capped at MAX_DEPTH (the same cap pickle enforces), so no input exhausts
 *   the JS stack; every loop consumes at least one byte per step, so none hangs.
 * - Keys are written with `obj[key] = v` except "__proto__", which is defined as an own
 *   property (never the prototype setter). Instances and errors get every property by
 *   defineProperty, so no setter of a registered class runs.
 * - Only kinds, picklers, externals and module bindings from registry.ts are ever
 *   constructed or returned; no global is looked up by a name from the data and no
 *   function is built from data.
 * - `refs[id]` exists only once the object is created; a reference to a later id (or to
 *   an object whose head is still being read) is an UnpickleError.
 * Any other exception (a RangeError from a typed array constructor, a SyntaxError from a
 * RegExp, a throw from a user's restore) is turned into UnpickleError by index.ts.
 */
import { CodeChangedError, UnpickleError } from "../errors.js";
import { codeHashOf } from "./encoder.js";
import { EXT, MAX_DEPTH } from "./extensions.js";
import { byRef, externalsByName, kindsByCode, moduleBindings, type Kind, type KindReader } from "./registry.js";

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const NodeBuffer = (globalThis as unknown as { Buffer?: { from(b: ArrayBufferLike, off: number, len: number): { latin1Slice(start: number, end: number): string } } }).Buffer;

interface Shape {
  keys: string[];
  /** the shape has a "__proto__" key: assign through defineProperty */
  proto: boolean;
  /** makes the plain objects of this shape (see plainMaker) */
  make: new () => Record<string, unknown>;
}

/**
 * A constructor of plain objects for one shape: `new make()` is an ordinary object whose
 * prototype is Object.prototype (so `constructor === Object`, nothing observable
 * differs from `{}`), but V8 gives each constructor its own initial map and sizes its
 * instances for the properties they get. Objects built as `{}` plus n stores spill past
 * 4 properties into a separate array: measured 3x slower to build and more GC work.
 * No code is built from data: this is one fixed function, created once per shape.
 */
function plainMaker(): new () => Record<string, unknown> {
  const make = function () {} as unknown as { new (): Record<string, unknown>; prototype: object };
  make.prototype = Object.prototype;
  return make;
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

/** What decode() returns for EXT.HOLES; only array() may see it. */
const HOLE: unique symbol = Symbol("hole");

/**
 * The UnpickleError for code or a binding of a module that is not loaded; `moduleId`
 * tells unpickleAsync what to load.
 */
export function missingModule(moduleId: string, message: string): UnpickleError {
  return Object.assign(new UnpickleError(message), { moduleId });
}

/** Defines an own data property: no setter runs, "__proto__" stays a key. */
export function defineOwn(o: object, key: string, value: unknown, enumerable = true): void {
  Object.defineProperty(o, key, { value, writable: true, enumerable, configurable: true });
}

export class Decoder implements KindReader {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  pos: number;
  readonly end: number;
  readonly refs: unknown[] = [];
  private readonly shapes: Shape[] = [];
  private depth = 0;
  private holes = 0;
  private kindName = "";

  /** the same bytes as a Node Buffer, for latin1Slice (null outside Node) */
  private readonly latin1: { latin1Slice(start: number, end: number): string } | null;

  constructor(bytes: Uint8Array, start: number) {
    this.bytes = bytes;
    this.latin1 = NodeBuffer === undefined ? null : NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = start;
    this.end = bytes.length;
  }

  fail(why: string): never {
    throw new UnpickleError(`corrupt snapshot at byte ${this.pos}: ${why}${this.kindName ? ` (in ${this.kindName})` : ""}`);
  }

  private need(n: number): void {
    if (this.end - this.pos < n) this.fail(`truncated: ${n} more bytes needed, ${this.end - this.pos} left`);
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail(`nested more than ${MAX_DEPTH} levels deep`);
  }

  // --- KindReader ---------------------------------------------------------------------

  read(): unknown {
    return this.decode();
  }

  readString(): string {
    const v = this.decode();
    if (typeof v !== "string") this.fail(`expected a string, found ${typeof v}`);
    return v;
  }

  readNumber(): number {
    const v = this.decode();
    if (typeof v !== "number") this.fail(`expected a number, found ${typeof v}`);
    return v;
  }

  readUint(): number {
    const v = this.decode();
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) this.fail(`expected a non-negative integer, found ${String(v)}`);
    return v;
  }

  readBin(): Uint8Array {
    this.need(1);
    const b = this.bytes[this.pos++]!;
    let n: number;
    if (b === 0xc4) {
      this.need(1);
      n = this.bytes[this.pos++]!;
    } else if (b === 0xc5) {
      this.need(2);
      n = this.view.getUint16(this.pos);
      this.pos += 2;
    } else if (b === 0xc6) {
      this.need(4);
      n = this.view.getUint32(this.pos);
      this.pos += 4;
    } else return this.fail("expected binary data");
    this.need(n);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  list(): number {
    this.need(1);
    const b = this.bytes[this.pos++]!;
    let n: number;
    if (b >= 0x90 && b <= 0x9f) n = b & 0x0f;
    else if (b === 0xdc) {
      this.need(2);
      n = this.view.getUint16(this.pos);
      this.pos += 2;
    } else if (b === 0xdd) {
      this.need(4);
      n = this.view.getUint32(this.pos);
      this.pos += 4;
    } else return this.fail("expected a list");
    this.need(n);
    return n;
  }

  // --- values -------------------------------------------------------------------------

  decode(): unknown {
    if (this.pos >= this.end) this.fail("truncated: a value was expected");
    const b = this.bytes[this.pos++]!;
    if (b < 0x80) return b;
    if (b < 0x90) return this.mapObject(b & 0x0f);
    if (b < 0xa0) return this.array(b & 0x0f);
    if (b < 0xc0) return this.str(b & 0x1f);
    if (b >= 0xe0) return b - 0x100;
    const view = this.view;
    let v: number;
    switch (b) {
      case 0xc0: return null;
      case 0xc2: return false;
      case 0xc3: return true;
      case 0xca:
        this.need(4);
        v = view.getFloat32(this.pos);
        this.pos += 4;
        return v;
      case 0xcb:
        this.need(8);
        v = view.getFloat64(this.pos);
        this.pos += 8;
        return v;
      case 0xcc:
        this.need(1);
        return this.bytes[this.pos++];
      case 0xcd:
        this.need(2);
        v = view.getUint16(this.pos);
        this.pos += 2;
        return v;
      case 0xce:
        this.need(4);
        v = view.getUint32(this.pos);
        this.pos += 4;
        return v;
      case 0xcf:
        this.need(8);
        v = view.getUint32(this.pos) * 0x100000000 + view.getUint32(this.pos + 4);
        this.pos += 8;
        return v;
      case 0xd0:
        this.need(1);
        return view.getInt8(this.pos++);
      case 0xd1:
        this.need(2);
        v = view.getInt16(this.pos);
        this.pos += 2;
        return v;
      case 0xd2:
        this.need(4);
        v = view.getInt32(this.pos);
        this.pos += 4;
        return v;
      case 0xd3:
        this.need(8);
        v = view.getInt32(this.pos) * 0x100000000 + view.getUint32(this.pos + 4);
        this.pos += 8;
        return v;
      case 0xd9:
        this.need(1);
        return this.str(this.bytes[this.pos++]!);
      case 0xda:
        this.need(2);
        v = view.getUint16(this.pos);
        this.pos += 2;
        return this.str(v);
      case 0xdb:
        this.need(4);
        v = view.getUint32(this.pos);
        this.pos += 4;
        return this.str(v);
      case 0xdc:
        this.need(2);
        v = view.getUint16(this.pos);
        this.pos += 2;
        return this.array(v);
      case 0xdd:
        this.need(4);
        v = view.getUint32(this.pos);
        this.pos += 4;
        return this.array(v);
      case 0xde:
        this.need(2);
        v = view.getUint16(this.pos);
        this.pos += 2;
        return this.mapObject(v);
      case 0xdf:
        this.need(4);
        v = view.getUint32(this.pos);
        this.pos += 4;
        return this.mapObject(v);
      case 0xd4: return this.ext(1);
      case 0xd5: return this.ext(2);
      case 0xd6: return this.ext(4);
      case 0xd7: return this.ext(8);
      case 0xd8: return this.ext(16);
      case 0xc7:
        this.need(1);
        return this.ext(this.bytes[this.pos++]!);
      case 0xc8:
        this.need(2);
        v = view.getUint16(this.pos);
        this.pos += 2;
        return this.ext(v);
      case 0xc9:
        this.need(4);
        v = view.getUint32(this.pos);
        this.pos += 4;
        return this.ext(v);
      default:
        // 0xc1 (never used), bin (only inside kinds that ask for it with readBin)
        return this.fail(`unexpected byte 0x${b.toString(16)}`);
    }
  }

  /**
   * ASCII (most keys and values) is sliced straight from the bytes: Node's latin1Slice
   * equals UTF-8 on ASCII and makes one flat string. Building it char by char with `+=`
   * would leave a rope of n nodes per string alive in the result (measured 10x slower
   * once the strings are kept). Anything else goes through the fatal TextDecoder, so
   * invalid UTF-8 is an UnpickleError, not a silent U+FFFD.
   */
  private str(n: number): string {
    this.need(n);
    const bytes = this.bytes;
    const start = this.pos;
    const end = start + n;
    this.pos = end;
    for (let i = start; i < end; i++) if (bytes[i]! >= 0x80) return this.utf8(start, n);
    if (this.latin1 !== null) return this.latin1.latin1Slice(start, end);
    return n < 64 ? String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]) : this.utf8(start, n);
  }

  private utf8(start: number, n: number): string {
    try {
      return utf8.decode(this.bytes.subarray(start, start + n));
    } catch {
      this.pos = start;
      return this.fail("invalid UTF-8 in a string");
    }
  }

  private array(n: number): unknown[] {
    this.need(n > 0 ? 1 : 0); // holes let n exceed the bytes left; each step still eats a byte
    this.enter();
    const a: unknown[] = [];
    this.refs.push(a);
    const bytes = this.bytes;
    for (let i = 0; i < n; ) {
      const b = bytes[this.pos];
      if ((b === 0xd4 || b === 0xd5 || b === 0xd6) && bytes[this.pos + 1] === EXT.HOLES) {
        const k = this.holeRun();
        if (k > n - i) this.fail(`${k} holes in an array with ${n - i} elements left`);
        i += k;
        a.length = i;
      } else {
        a.push(this.decode());
        i++;
      }
    }
    this.depth--;
    return a;
  }

  /** Reads the EXT.HOLES the caller peeked at; `holes` is -1 only during this call. */
  private holeRun(): number {
    this.holes = -1;
    this.decode();
    const k = this.holes;
    this.holes = 0;
    return k;
  }

  /** A msgpack map: a plain object with string keys. */
  private mapObject(n: number): Record<string, unknown> {
    this.need(2 * n);
    const o: Record<string, unknown> = {};
    this.refs.push(o);
    this.mapInto(o, n, false, true);
    return o;
  }

  private mapInto(o: object, n: number, viaDefine: boolean, enumerable: boolean): void {
    this.enter();
    for (let i = 0; i < n; i++) {
      const k = this.decode();
      if (typeof k !== "string") this.fail("an object key is not a string");
      const v = this.decode();
      if (viaDefine || k === "__proto__") defineOwn(o, k, v, enumerable);
      else (o as Record<string, unknown>)[k] = v;
    }
    this.depth--;
  }

  private shapedInto(o: object, shape: Shape, viaDefine: boolean, enumerable: boolean): void {
    this.enter();
    const keys = shape.keys;
    if (viaDefine || shape.proto) {
      for (let i = 0; i < keys.length; i++) defineOwn(o, keys[i]!, this.decode(), enumerable);
    } else {
      for (let i = 0; i < keys.length; i++) (o as Record<string, unknown>)[keys[i]!] = this.decode();
    }
    this.depth--;
  }

  private defineShape(n: number): Shape {
    this.need(n);
    const keys: string[] = [];
    let proto = false;
    for (let i = 0; i < n; i++) {
      const k = this.decode();
      if (typeof k !== "string") this.fail("a shape key is not a string");
      if (k === "__proto__") proto = true;
      keys.push(k);
    }
    const shape: Shape = { keys, proto, make: plainMaker() };
    this.shapes.push(shape);
    return shape;
  }

  /**
   * A props block into an existing object (null-prototype objects, instances, errors):
   * a msgpack map, a shape definition or a shaped object, as encoder.props() writes it.
   * `viaDefine`: every key by defineProperty (objects whose prototype may have setters).
   */
  readPropsInto(o: object, viaDefine: boolean, enumerable = true): void {
    this.need(1);
    const b = this.bytes[this.pos]!;
    if (b >= 0x80 && b <= 0x8f) {
      this.pos++;
      this.need(2 * (b & 0x0f));
      return this.mapInto(o, b & 0x0f, viaDefine, enumerable);
    }
    if (b === 0xde || b === 0xdf) {
      this.pos++;
      const w = b === 0xde ? 2 : 4;
      this.need(w);
      const n = w === 2 ? this.view.getUint16(this.pos) : this.view.getUint32(this.pos);
      this.pos += w;
      this.need(2 * n);
      return this.mapInto(o, n, viaDefine, enumerable);
    }
    this.need(3);
    const type = this.bytes[this.pos + 1];
    if (b === 0xd4 && type === EXT.SHAPE_DEF) {
      const n = this.bytes[this.pos + 2]!;
      this.pos += 3;
      return this.shapedInto(o, this.defineShape(n), viaDefine, enumerable);
    }
    if ((b === 0xd4 || b === 0xd5) && type === EXT.SHAPED) {
      this.pos += 2;
      return this.shapedInto(o, this.shapeAt(b === 0xd4 ? 1 : 2), viaDefine, enumerable);
    }
    this.fail("expected the properties of an object");
  }

  private shapeAt(width: number): Shape {
    this.need(width);
    const id = width === 1 ? this.bytes[this.pos]! : this.view.getUint16(this.pos);
    this.pos += width;
    const shape = this.shapes[id];
    if (shape === undefined) this.fail(`shape ${id} is used before it is defined`);
    return shape;
  }

  private uintBE(len: number): number {
    const p = this.pos;
    if (len === 1) return this.bytes[p]!;
    if (len === 2) return this.view.getUint16(p);
    if (len === 4) return this.view.getUint32(p);
    return this.fail(`a ${len}-byte id`);
  }

  /** An ext of `len` data bytes; the type byte is next. */
  private ext(len: number): unknown {
    this.need(1 + len);
    const type = this.bytes[this.pos++]!;
    switch (type) {
      case EXT.REF: {
        const id = this.uintBE(len);
        this.pos += len;
        if (id >= this.refs.length) this.fail(`reference to object ${id}, which does not exist (yet)`);
        return this.refs[id];
      }
      case EXT.UNDEFINED:
        if (len !== 1 || this.bytes[this.pos++] !== 0) this.fail("malformed undefined");
        return undefined;
      case EXT.HOLES: {
        const k = this.uintBE(len);
        this.pos += len;
        if (this.holes !== -1) this.fail("holes outside an array");
        if (k === 0) this.fail("a run of 0 holes");
        this.holes = k;
        return HOLE;
      }
      case EXT.SHAPED: {
        if (len > 2) this.fail("a shape id wider than 2 bytes");
        const shape = this.shapeAt(len);
        const o = new shape.make();
        this.refs.push(o);
        this.shapedInto(o, shape, false, true);
        return o;
      }
      case EXT.BIGINT:
        return this.bigint(len);
      case EXT.WTF16: {
        if (len & 1) this.fail("odd WTF-16 length");
        // In chunks, so the string is flat: `+=` per unit would keep a rope node per
        // unit alive (tens of bytes each), far more memory than the input paid for.
        const parts: string[] = [];
        const units: number[] = [];
        for (let i = 0; i < len; i += 2) {
          units.push(this.view.getUint16(this.pos + i));
          if (units.length === 4096) {
            parts.push(String.fromCharCode.apply(null, units));
            units.length = 0;
          }
        }
        parts.push(String.fromCharCode.apply(null, units));
        this.pos += len;
        return parts.join("");
      }
    }
    if (len !== 1) this.fail(`extension ${type} with ${len} data bytes`);
    const variant = this.bytes[this.pos++]!;
    switch (type) {
      case EXT.SHAPE_DEF: {
        const shape = this.defineShape(variant);
        const o = new shape.make();
        this.refs.push(o);
        this.shapedInto(o, shape, false, true);
        return o;
      }
      case EXT.OBJECT_NULL: {
        const o = Object.create(null) as object;
        this.refs.push(o);
        this.readPropsInto(o, false);
        return o;
      }
      case EXT.SYMBOL:
        return Symbol.for(this.readString());
      case EXT.EXTERNAL: {
        const name = this.readString();
        const v = externalsByName.get(name);
        if (v === undefined) throw new UnpickleError(`the snapshot refers to external '${name}', which is not registered here: call registerExternal('${name}', value) before unpickling`);
        this.refs.push(v);
        return v;
      }
      case EXT.MODULE_REF: {
        const moduleId = this.readString();
        const name = this.readString();
        const hash = variant === 1 ? this.readString() : undefined;
        const v = moduleBindings.get(moduleId)?.get(name);
        if (v === undefined) throw missingModule(moduleId, `the snapshot refers to '${name}' of module ${moduleId}, which is not loaded (unpickleAsync loads modules)`);
        const now = codeHashOf(v);
        if (hash !== now) {
          throw new CodeChangedError(`function ${name} (${moduleId}) changed since the snapshot was taken: code hash ${hash ?? "(none)"} then, ${now ?? "(none)"} now`);
        }
        this.refs.push(v);
        return v;
      }
    }
    const kind = kindsByCode[type];
    if (kind === undefined) this.fail(`unknown extension type ${type}`);
    return this.tagged(kind, variant);
  }

  private tagged(kind: Kind<any>, variant: number): object {
    this.enter();
    const outer = this.kindName;
    this.kindName = kind.name;
    const o = kind.create(this, variant);
    if ((typeof o !== "object" || o === null) && typeof o !== "function") this.fail(`${kind.name} restored as ${o === null ? "null" : typeof o}, not an object`);
    this.refs.push(o);
    if (kind.fill !== undefined) kind.fill(o, this, variant);
    this.kindName = outer;
    this.depth--;
    return o;
  }

  private bigint(len: number): bigint {
    if (len < 2) this.fail("a BigInt without digits");
    const sign = this.bytes[this.pos]!;
    if (sign > 1) this.fail("a BigInt with a bad sign byte");
    const digits: string[] = ["0x"];
    for (let i = 1; i < len; i++) digits.push(HEX[this.bytes[this.pos + i]!]!);
    this.pos += len;
    const v = BigInt(digits.join(""));
    return sign === 1 ? -v : v;
  }
}

/** True iff `v` is registered by reference (used by kinds that accept only such classes). */
export function isByRef(v: unknown): boolean {
  return byRef.has(v);
}

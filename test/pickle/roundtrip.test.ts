import { describe, it, expect } from "vitest";
import { pickle, unpickle } from "../../runtime/pickle/index.js";
import { PickleError, UnpickleError, RuntimeError, TaskletExit } from "../../runtime/errors.js";

const rt = <T>(v: T): T => unpickle(pickle(v)) as T;

describe("round trips of every value kind", () => {
  it("keeps primitives, including the ones JSON loses", () => {
    const values = [
      0, 1, -1, 127, 128, 255, 256, 65535, 65536, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1, -(2 ** 53 - 1),
      -32, -33, -128, -129, -32768, -32769, -(2 ** 31), -(2 ** 31) - 1, 2 ** 60, -(2 ** 60),
      0.5, 0.1, -1.25, 1e300, 5e-324, Math.PI, NaN, Infinity, -Infinity,
      true, false, null, undefined, "", "a", "é", "日本語", "😀", "x".repeat(31), "y".repeat(32), "z".repeat(100_000),
      "ü".repeat(40), "\u{1F600}".repeat(70),
    ];
    for (const v of values) expect(rt(v), String(v).slice(0, 20)).toStrictEqual(v);
    expect(Object.is(rt(-0), -0)).toBe(true);
    expect(Object.is(rt(0), 0)).toBe(true);
  });

  it("keeps strings that are not well-formed UTF-16 (lone surrogates)", () => {
    for (const s of ["\ud800", "a\udc00b", "\ud83d", "x".repeat(80) + "\ud800", "\udc00\ud800"]) {
      expect(rt(s)).toBe(s);
    }
  });

  it("keeps BigInts of any size and sign", () => {
    for (const v of [0n, 1n, -1n, 255n, 256n, -256n, 2n ** 64n, -(2n ** 64n) + 1n, 2n ** 1000n + 7n, -(3n ** 200n)]) {
      expect(rt(v)).toBe(v);
    }
  });

  it("keeps Symbol.for symbols as the same symbol", () => {
    const s = Symbol.for("stackless.test");
    expect(rt(s)).toBe(s);
    expect(rt({ s }).s).toBe(s);
  });

  it("keeps plain objects, key order, undefined values and __proto__ as an own key", () => {
    const o: Record<string, unknown> = { b: 1, a: "x", u: undefined, nested: { deep: [1, { z: null }] } };
    Object.defineProperty(o, "__proto__", { value: { polluted: true }, enumerable: true, writable: true, configurable: true });
    const r = rt(o);
    expect(Object.keys(r)).toEqual(["b", "a", "u", "nested", "__proto__"]);
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(r, "__proto__")!.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect("u" in r && r.u === undefined).toBe(true);
    expect(r.nested).toEqual(o.nested);
  });

  it("keeps objects with many keys (msgpack maps) and many shapes", () => {
    const big: Record<string, number> = {};
    for (let i = 0; i < 1000; i++) big[`k${i}`] = i;
    expect(rt(big)).toEqual(big);
    const many = Array.from({ length: 300 }, (_, i) => ({ [`only${i}`]: i, common: i }));
    expect(rt(many)).toEqual(many);
  });

  it("keeps null-prototype objects", () => {
    const o = Object.assign(Object.create(null), { a: 1, __proto__x: 2 });
    const r = rt(o);
    expect(Object.getPrototypeOf(r)).toBe(null);
    expect({ ...r }).toEqual({ a: 1, __proto__x: 2 });
  });

  it("keeps arrays with holes, trailing holes and huge sparse arrays", () => {
    // eslint-disable-next-line no-sparse-arrays
    const a = [1, , 3, , , undefined, 7, ,];
    const r = rt(a);
    expect(r.length).toBe(a.length);
    for (let i = 0; i < a.length; i++) expect(i in r, `index ${i}`).toBe(i in a);
    expect(r).toEqual(a);
    const sparse: unknown[] = [];
    sparse[5] = "x";
    sparse[4_000_000_000] = "y";
    const bytes = pickle(sparse);
    expect(bytes.length).toBeLessThan(40);
    const s = unpickle(bytes) as unknown[];
    expect(s.length).toBe(4_000_000_001);
    expect(Object.keys(s)).toEqual(["5", "4000000000"]);
    const empty = new Array(10);
    expect(rt(empty).length).toBe(10);
    expect(Object.keys(rt(empty))).toEqual([]);
  });

  it("keeps long arrays (16-bit and 32-bit headers)", () => {
    const a = Array.from({ length: 70_000 }, (_, i) => i % 3 === 0 ? i : String(i));
    expect(rt(a)).toEqual(a);
  });

  it("keeps Map and Set with object keys, order and identity", () => {
    const k = { id: 1 };
    const m = new Map<unknown, unknown>([[k, "v"], ["s", k], [NaN, -0], [undefined, null]]);
    const r = rt(m);
    expect([...r.values()][0]).toBe("v");
    const [rk] = r.keys();
    expect(rk).toEqual(k);
    expect(r.get("s")).toBe(rk);
    expect(r.has(NaN)).toBe(true);
    expect(Object.is(r.get(NaN), -0)).toBe(true);
    const s = new Set<unknown>([3, 1, k, "x"]);
    const rs = rt(s);
    expect([...rs].slice(0, 2)).toEqual([3, 1]);
    expect([...rs][2]).toEqual(k);
  });

  it("keeps the entries of a Map or Set whose iterators the program replaced (the entries, not what they yield)", () => {
    // A compiled Map/Set forEach reads no Symbol.iterator (as natively): a tasklet paused in
    // the callback of such a Map's forEach holds it, and pickling it used to write what
    // the replaced iterator yields under the size's count (a corrupt snapshot).
    const m = new Map([["a", 1], ["b", 2]]);
    (m as unknown as Record<symbol, unknown>)[Symbol.iterator] = () => [["x", 0]][Symbol.iterator]();
    expect([...(rt(m) as Map<string, number>).entries()]).toEqual([["a", 1], ["b", 2]]);
    const s = new Set([1, 2]);
    (s as unknown as Record<symbol, unknown>)[Symbol.iterator] = () => [9][Symbol.iterator]();
    expect([...(rt(s) as Set<number>).values()]).toEqual([1, 2]);
    const mapEntries = Map.prototype.entries;
    const setValues = Set.prototype.values;
    try {
      // Replaced on the prototypes: entries(), values(), Symbol.iterator.
      Map.prototype.entries = Map.prototype[Symbol.iterator] = function () { return [][Symbol.iterator](); } as never;
      Set.prototype.values = Set.prototype[Symbol.iterator] = function () { return [][Symbol.iterator](); } as never;
      const bytes = pickle(new Map([[1, new Set([2])]]));
      Map.prototype.entries = Map.prototype[Symbol.iterator] = mapEntries;
      Set.prototype.values = Set.prototype[Symbol.iterator] = setValues;
      const r = unpickle(bytes) as Map<number, Set<number>>;
      expect([...r.entries()].map(([k, v]) => [k, [...v]])).toEqual([[1, [2]]]);
    } finally {
      Map.prototype.entries = Map.prototype[Symbol.iterator] = mapEntries;
      Set.prototype.values = Set.prototype[Symbol.iterator] = setValues;
    }
  });

  it("keeps Dates, including invalid ones", () => {
    const d = new Date(Date.UTC(2020, 1, 29, 12, 34, 56, 789));
    expect(rt(d)).toEqual(d);
    expect(rt(d)).not.toBe(d);
    expect(Number.isNaN(rt(new Date(NaN)).getTime())).toBe(true);
    expect(rt(new Date(-8.64e15)).getTime()).toBe(-8.64e15);
  });

  it("keeps RegExp source, flags and lastIndex", () => {
    const re = /a(b+)c/giu;
    re.lastIndex = 5;
    const r = rt(re);
    expect(r).toBeInstanceOf(RegExp);
    expect(r.source).toBe(re.source);
    expect(r.flags).toBe(re.flags);
    expect(r.lastIndex).toBe(5);
    expect(rt(/x/dsy).flags).toBe("dsy");
  });

  it("keeps ArrayBuffers, typed arrays of every type, DataViews and shared buffers", () => {
    const buf = new ArrayBuffer(64);
    new Uint8Array(buf).forEach((_, i, a) => (a[i] = i * 7));
    const views = [
      new Int8Array(buf, 1, 3), new Uint8Array(buf), new Uint8ClampedArray(buf, 2, 2), new Int16Array(buf, 2, 4),
      new Uint16Array(buf, 4, 2), new Int32Array(buf, 8, 2), new Uint32Array(buf, 4, 3), new Float32Array(buf, 16, 4),
      new Float64Array(buf, 8, 2), new BigInt64Array(buf, 8, 3), new BigUint64Array(buf, 32, 4), new DataView(buf, 3, 10),
    ];
    const r = rt({ buf, views });
    for (let i = 0; i < views.length; i++) {
      const v = views[i]!;
      const w = r.views[i]!;
      expect(w.constructor).toBe(v.constructor);
      expect(w.byteOffset).toBe(v.byteOffset);
      expect(w.byteLength).toBe(v.byteLength);
      expect(w.buffer, `view ${i} shares the restored buffer`).toBe(r.buf);
    }
    expect(new Uint8Array(r.buf)).toEqual(new Uint8Array(buf));
    (r.views[1] as Uint8Array)[0] = 200;
    expect((r.views[0] as Int8Array).buffer).toBe(r.buf);
    expect(new Uint8Array(r.buf)[0]).toBe(200);
    const f = new Float64Array([NaN, -0, Infinity, 1.5]);
    const rf = rt(f);
    expect(Object.is(rf[1], -0)).toBe(true);
    expect(Array.from(rf)).toEqual([NaN, -0, Infinity, 1.5]);
  });

  it("keeps resizable ArrayBuffers and Node Buffers", () => {
    const RB = ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer & { resizable: boolean; maxByteLength: number };
    const b = new RB(4, { maxByteLength: 16 });
    const rb = rt(b) as unknown as { resizable: boolean; maxByteLength: number; byteLength: number };
    expect(rb.resizable).toBe(true);
    expect(rb.maxByteLength).toBe(16);
    expect(rb.byteLength).toBe(4);
    const nb = Buffer.from("hello");
    const rn = rt(nb);
    expect(Buffer.isBuffer(rn)).toBe(true);
    expect(rn.toString()).toBe("hello");
  });

  it("keeps Errors: class, message, stack, cause, own properties", () => {
    const cause = new RangeError("inner");
    const e = new TypeError("outer", { cause }) as TypeError & { code?: string; extra?: unknown };
    e.code = "E_X";
    e.extra = { n: 1 };
    const r = rt(e) as typeof e;
    expect(r).toBeInstanceOf(TypeError);
    expect(r.message).toBe("outer");
    expect(r.stack).toBe(e.stack);
    expect(r.cause).toBeInstanceOf(RangeError);
    expect((r.cause as Error).message).toBe("inner");
    expect(r.code).toBe("E_X");
    expect(r.extra).toEqual({ n: 1 });
    expect(Object.getOwnPropertyDescriptor(r, "cause")!.enumerable).toBe(false);
    expect(Object.getOwnPropertyDescriptor(r, "message")!.enumerable).toBe(false);
    expect(Object.keys(r)).toEqual(["code", "extra"]);
    for (const C of [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError]) {
      const x = rt(new C("m"));
      expect(x.constructor).toBe(C);
      expect(x.name).toBe(C.name);
    }
    const agg = rt(new AggregateError([new Error("a"), 2], "many"));
    expect(agg).toBeInstanceOf(AggregateError);
    expect(agg.errors[1]).toBe(2);
    expect((agg.errors[0] as Error).message).toBe("a");
    const noMsg = rt(new Error());
    expect(Object.prototype.hasOwnProperty.call(noMsg, "message")).toBe(false);
  });

  it("keeps the runtime's own errors as their classes", () => {
    const r = rt(new RuntimeError("deadlock"));
    expect(r).toBeInstanceOf(RuntimeError);
    expect(r.name).toBe("RuntimeError");
    expect(rt(new TaskletExit())).toBeInstanceOf(TaskletExit);
    expect(rt(new PickleError("p"))).toBeInstanceOf(PickleError);
  });

  it("restores unregistered Error subclasses as their built-in base, keeping the name", () => {
    class HttpError extends TypeError {
      status = 404;
    }
    HttpError.prototype.name = "HttpError";
    const r = rt(new HttpError("not found")) as HttpError;
    expect(r).toBeInstanceOf(TypeError);
    expect(r).not.toBeInstanceOf(HttpError);
    expect(r.name).toBe("HttpError");
    expect(r.status).toBe(404);
    expect(r.message).toBe("not found");
  });

  it("keeps arguments objects: values, length, own properties, identity (a frame's $args slot)", () => {
    // (a module: strict)
    const strict = (function (..._a: unknown[]) {
      return arguments; // eslint-disable-line prefer-rest-params
    })(1, "two", undefined);
    (strict as unknown as { extra: number }).extra = 3;
    const r = rt({ a: strict, b: strict });
    expect(r.a).toBe(r.b);
    expect(Object.prototype.toString.call(r.a)).toBe("[object Arguments]");
    expect([r.a.length, [...r.a], Object.keys(r.a)]).toEqual([3, [1, "two", undefined], ["0", "1", "2", "extra"]]);
    expect(Object.getOwnPropertyDescriptor(r.a, "length")).toEqual({ value: 3, writable: true, enumerable: false, configurable: true });
    expect(() => (r.a as unknown as { callee: unknown }).callee).toThrow(TypeError);
    // Sloppy: callee is a value; a plain function's is left out rather than refused.
    const sloppy = Function("a", "arguments.length = 5; return arguments")(7) as IArguments;
    const s = rt(sloppy);
    expect([s.length, s[0], "callee" in s]).toEqual([5, 7, false]);
    // A plain object with a `callee` key stays a plain object.
    expect(rt({ callee: 1, x: 2 })).toEqual({ callee: 1, x: 2 });
  });

  it("keeps the named properties of match arrays and template objects, and their identity", () => {
    const m = /(?<word>b+)(x)?/d.exec("aabbbc")!;
    const r = rt({ m, again: m });
    expect(r.m).toBe(r.again);
    expect(Array.isArray(r.m)).toBe(true);
    expect([r.m.index, r.m.input, r.m.groups!.word, r.m.length, 2 in r.m, r.m[2]]).toEqual([2, "aabbbc", "bbb", 3, true, undefined]);
    expect(Object.getPrototypeOf(r.m.groups)).toBe(null);
    expect(r.m.indices![0]).toEqual([2, 5]);
    expect(Object.keys(r.m)).toEqual(Object.keys(m));
    // matchAll's items and a non-global String.prototype.match
    const all = rt([..."a1b22".matchAll(/\d+/g)]);
    expect(all.map((x) => [x[0], x.index])).toEqual([["1", 1], ["22", 3]]);
    expect(rt("xyz".match(/y/))!.index).toBe(1);
    // A template object: `raw` stays non-enumerable.
    const tag = (s: TemplateStringsArray, ..._v: unknown[]) => s;
    const t = rt(tag`a${1}b\n`);
    expect([[...t], t.raw, Object.keys(t), Object.getOwnPropertyDescriptor(t, "raw")!.enumerable]).toEqual([["a", "b\n"], ["a", "b\\n"], ["0", "1"], false]);
    // Holes, trailing holes and a cycle through a named property.
    const h = Object.assign([1, , 3, , ,], { index: 7 }) as unknown as number[] & { index: number; input: unknown };
    h.input = h;
    const hb = rt(h);
    expect([hb.length, 1 in hb, 3 in hb, hb[2], hb.index, hb.input === hb]).toEqual([5, false, false, 3, 7, true]);
  });
});

describe("identity: shared references and cycles", () => {
  it("keeps shared references as one object", () => {
    const shared = { x: 1 };
    const arr = [shared, shared];
    const r = rt({ a: shared, b: shared, arr, m: new Map([[shared, shared]]), s: new Set([shared]) });
    expect(r.a).toBe(r.b);
    expect(r.arr[0]).toBe(r.a);
    expect(r.arr[1]).toBe(r.a);
    expect([...r.m.keys()][0]).toBe(r.a);
    expect([...r.m.values()][0]).toBe(r.a);
    expect([...r.s][0]).toBe(r.a);
    expect(r.a).not.toBe(shared);
  });

  it("keeps cycles through objects, arrays, Maps, Sets, errors and null-prototype objects", () => {
    const o: Record<string, unknown> = { name: "root" };
    const a: unknown[] = [o];
    o.self = o;
    o.a = a;
    a.push(a);
    const m = new Map<unknown, unknown>();
    m.set(m, o);
    o.m = m;
    const s = new Set<unknown>();
    s.add(s);
    s.add(o);
    o.s = s;
    const e = new Error("loop") as Error & { back?: unknown };
    e.back = e;
    (e as { cause?: unknown }).cause = o;
    o.e = e;
    const n = Object.create(null);
    n.n = n;
    o.n = n;
    const r = rt(o) as any;
    expect(r.self).toBe(r);
    expect(r.a[0]).toBe(r);
    expect(r.a[1]).toBe(r.a);
    expect(r.m.get(r.m)).toBe(r);
    expect(r.s.has(r.s)).toBe(true);
    expect(r.s.has(r)).toBe(true);
    expect(r.e.back).toBe(r.e);
    expect(r.e.cause).toBe(r);
    expect(r.n.n).toBe(r.n);
  });

  it("keeps identity of buffers, Dates and RegExps", () => {
    const d = new Date(0);
    const re = /x/g;
    const r = rt([d, d, re, re]);
    expect(r[0]).toBe(r[1]);
    expect(r[2]).toBe(r[3]);
  });

  it("gives each unpickle its own graph", () => {
    const bytes = pickle({ x: [1] });
    const a = unpickle(bytes) as { x: number[] };
    const b = unpickle(bytes) as { x: number[] };
    expect(a).not.toBe(b);
    expect(a.x).not.toBe(b.x);
  });
});

describe("format", () => {
  it("starts with the header: fixext4 type 1 'SLP' version", () => {
    const b = pickle(null);
    expect(Array.from(b.subarray(0, 6))).toEqual([0xd6, 1, 0x53, 0x4c, 0x50, 1]);
    expect(b.length).toBe(7);
  });

  it("refuses another format version and things that are not snapshots", () => {
    const b = pickle(1);
    b[5] = 2;
    expect(() => unpickle(b)).toThrow(/version 2.*version 1/);
    expect(() => unpickle(new Uint8Array([1, 2, 3]))).toThrow(UnpickleError);
    expect(() => unpickle("x" as unknown as Uint8Array)).toThrow(UnpickleError);
  });

  it("writes repeated object shapes once", () => {
    const recs = Array.from({ length: 100 }, (_, i) => ({ id: i, name: "n", ok: true }));
    const one = pickle([recs[0]]).length;
    const all = pickle(recs).length;
    // After the first, each record costs its shape ref (3 bytes) and its values.
    expect(all - one).toBeLessThan(99 * (3 + 2 + 2 + 1) + 3);
  });
});

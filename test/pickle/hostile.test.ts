/**
 * Hostile input: whatever the bytes, unpickle returns or throws UnpickleError
 * (CodeChangedError too when the corpus holds tasklet code: a mutated hash is exactly
 * that), never another error, never a hang, never an allocation the input does not pay
 * for, never a change to a prototype. Seeds are fixed; a failure prints seed and case.
 */
import { describe, it, expect, beforeAll } from "vitest";
import fc from "fast-check";
import { pickle, unpickle, registerPickler, registerExternal, registerModuleBinding, setCodeLookup, EXT } from "../../runtime/pickle/index.js";
import { CodeChangedError, UnpickleError } from "../../runtime/errors.js";
import { MAX_DEPTH } from "../../runtime/pickle/extensions.js";
import { CODE, ENV } from "../../runtime/keys.js";

const QUICK = process.env.STACKLESS_QUICK === "1";
/** STACKLESS_FUZZ=iterations[:seed] runs a longer campaign, e.g. STACKLESS_FUZZ=1000000:7 */
const [FUZZ_N, FUZZ_SEED] = (process.env.STACKLESS_FUZZ ?? "").split(":").map(Number);

class Vec {
  constructor(public x: number, public y: number) {}
}
class Account {
  owner = "ann";
  set trap(_v: unknown) {
    throw new Error("setter ran");
  }
}
const logger = { name: "logger" };

beforeAll(() => {
  registerPickler(Vec, { name: "fuzz.Vec", reduce: (v) => [v.x, v.y], restore: (d: unknown) => {
    if (!Array.isArray(d) || typeof d[0] !== "number" || typeof d[1] !== "number") throw new TypeError("bad Vec data");
    return new Vec(d[0], d[1]);
  } });
  registerExternal("fuzz.logger", logger);
  registerModuleBinding("fuzz.ts", "Account", Account, { instances: true });
  const code = { id: "fuzz.ts#f", hash: "abc", name: "f" };
  const factory = (env: unknown) => Object.assign(() => env, { [CODE]: code, [ENV]: env });
  setCodeLookup({ findCode: (id) => (id === code.id ? { name: "f", hash: "abc", factory } : undefined) });
});

/** Snapshots with every kind in them, shared references and cycles. */
function corpus(): Uint8Array[] {
  const shared = { s: "shared", n: [1, 2, 3] };
  const o: Record<string, unknown> = {
    int: [0, 1, -1, 127, 128, -33, 70000, -70000, 2 ** 40, -(2 ** 40)],
    float: [0.5, 1e300, NaN, -0, Infinity],
    str: ["", "ascii", "é日本😀", "x".repeat(300), "\ud800lone"],
    // eslint-disable-next-line no-sparse-arrays
    holes: [1, , , 4, , ,],
    map: new Map<unknown, unknown>([["k", shared], [shared, 2]]),
    set: new Set([1, "a", shared]),
    date: new Date(0),
    re: /a+b/gi,
    big: [0n, -(2n ** 100n)],
    sym: Symbol.for("fuzz"),
    bytes: new Uint16Array([1, 2, 3]),
    view: new DataView(new ArrayBuffer(8), 2, 4),
    err: Object.assign(new TypeError("bad", { cause: shared }), { code: 5 }),
    vec: new Vec(1, 2),
    logger,
    acct: new Account(),
    nul: Object.assign(Object.create(null), { z: 1 }),
    u: undefined,
    shared,
  };
  o.self = o;
  const env: Record<string, unknown> = { count: 1 };
  const code = { id: "fuzz.ts#f", hash: "abc", name: "f" };
  const f = Object.assign(() => env, { [CODE]: code, [ENV]: env });
  env.f = f;
  o.f = f;
  const records = Array.from({ length: 40 }, (_, i) => ({ id: i, name: `r${i}`, tags: ["a", "b"], ok: i % 2 === 0, parent: shared }));
  return [pickle(o), pickle(records), pickle([shared, shared, [shared]]), pickle("just a string"), pickle(new Map([[1, new Set([2])]]))];
}

/** Mulberry32: small, seeded, reproducible. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xc0, 0xc1, 0xc4, 0xc6, 0xc7, 0xc9, 0xcb, 0xd4, 0xd5, 0xd6, 0xd9, 0xdb, 0xdc, 0xdd, 0xde, 0xdf, 0xff,
  EXT.REF, EXT.HOLES, EXT.SHAPED, EXT.SHAPE_DEF, EXT.ERROR, EXT.PICKLER, EXT.CLOSURE, EXT.INSTANCE, EXT.TYPED_ARRAY];

function mutate(src: Uint8Array, r: () => number): Uint8Array {
  let b = Uint8Array.from(src);
  const n = 1 + Math.floor(r() * 4);
  for (let k = 0; k < n; k++) {
    const at = 6 + Math.floor(r() * Math.max(1, b.length - 6));
    switch (Math.floor(r() * 6)) {
      case 0: b[at] = Math.floor(r() * 256); break;
      case 1: b[at] = INTERESTING[Math.floor(r() * INTERESTING.length)]!; break;
      case 2: b[at]! ^= 1 << Math.floor(r() * 8); break;
      case 3: b = b.slice(0, at); break;
      case 4: { const c = new Uint8Array(b.length + 1); c.set(b.subarray(0, at)); c[at] = INTERESTING[Math.floor(r() * INTERESTING.length)]!; c.set(b.subarray(at), at + 1); b = c; break; }
      case 5: { const len = Math.floor(r() * 8); const c = new Uint8Array(b.length - Math.min(len, b.length - at)); c.set(b.subarray(0, at)); c.set(b.subarray(at + len), at); b = c; break; }
    }
  }
  return b;
}

/** Returns a description of what went wrong, or null if the outcome is allowed. */
function check(bytes: Uint8Array): string | null {
  const t0 = performance.now();
  try {
    unpickle(bytes);
  } catch (e) {
    if (!(e instanceof UnpickleError) && !(e instanceof CodeChangedError)) return `threw ${(e as Error)?.name}: ${(e as Error)?.message}`;
  }
  const ms = performance.now() - t0;
  if (ms > 500) return `took ${ms.toFixed(0)} ms`;
  if (Object.keys(Object.prototype).length !== 0 || ({} as { z?: unknown }).z !== undefined) return "polluted Object.prototype";
  return null;
}

describe("unpickle of hostile bytes", () => {
  it("survives random mutations of real snapshots", () => {
    const seeds = corpus();
    const iterations = FUZZ_N || (QUICK ? 2000 : 20000);
    const seed = FUZZ_SEED || 0x5eed;
    const r = rng(seed);
    for (let i = 0; i < iterations; i++) {
      const which = i % seeds.length;
      const bytes = mutate(seeds[which]!, r);
      const bad = check(bytes);
      if (bad !== null) throw new Error(`iteration ${i} (STACKLESS_FUZZ=${iterations}:${seed}, corpus ${which}): ${bad}\nbytes: ${Buffer.from(bytes).toString("hex")}`);
    }
  });

  it("survives every truncation of every snapshot in the corpus", () => {
    for (const [which, full] of corpus().entries()) {
      for (let len = 0; len < full.length; len++) {
        const bytes = full.subarray(0, len);
        let threw: unknown = null;
        try {
          unpickle(bytes);
        } catch (e) {
          threw = e;
        }
        if (!(threw instanceof UnpickleError)) throw new Error(`corpus ${which} cut to ${len} bytes: ${threw === null ? "returned" : String(threw)}`);
      }
    }
  });

  const H = [0xd6, EXT.HEADER, 0x53, 0x4c, 0x50, 1];
  const snap = (...body: number[]) => new Uint8Array([...H, ...body]);
  const u32 = (v: number) => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];

  it("refuses declared lengths the bytes do not hold, without allocating for them", () => {
    const cases: [string, Uint8Array][] = [
      ["array32 of 2^32-1", snap(0xdd, ...u32(0xffffffff), 1)],
      ["map32 of 2^32-1", snap(0xdf, ...u32(0xffffffff), 0xa1, 0x61, 1)],
      ["str32 of 2^32-1", snap(0xdb, ...u32(0xffffffff), 0x61)],
      ["ext32 of 2^32-1", snap(0xc9, ...u32(0xffffffff), EXT.BIGINT, 0)],
      ["bin in a buffer", snap(0xd4, EXT.ARRAY_BUFFER, 0, 0xc6, ...u32(0xfffffff0))],
      ["a list in a Set", snap(0xd4, EXT.SET, 0, 0xdd, ...u32(0x7fffffff), 1)],
      ["a shape of 255 keys", snap(0xd4, EXT.SHAPE_DEF, 255, 0xa1, 0x61)],
    ];
    for (const [what, bytes] of cases) {
      const before = process.memoryUsage().heapUsed;
      const t0 = performance.now();
      expect(() => unpickle(bytes), what).toThrow(UnpickleError);
      expect(performance.now() - t0, what).toBeLessThan(100);
      expect(process.memoryUsage().heapUsed - before, what).toBeLessThan(64 << 20);
    }
  });

  it("builds long WTF-16 strings and BigInts flat, in memory proportional to the input", () => {
    const units = 4_000_000;
    const body = new Uint8Array(6 + 6 + units * 2);
    body.set(H);
    body.set([0xc9, ...u32(units * 2), EXT.WTF16], 6);
    for (let i = 0; i < units; i++) body[12 + 2 * i] = 0xd8; // all lone high surrogates
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    const s = unpickle(body) as string;
    expect(s.length).toBe(units);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(units * 2 * 4);
    const big = 2n ** 2_000_000n - 1n;
    expect(unpickle(pickle(big))).toBe(big);
  });

  it("bounds nesting: deep arrays, maps and tags are refused, not a stack overflow", () => {
    for (const opener of [[0x91], [0x81, 0xa1, 0x61], [0xd4, EXT.SET, 0, 0x91], [0xd4, EXT.OBJECT_NULL, 0, 0x81, 0xa1, 0x61]]) {
      const levels = 200_000;
      const bytes = new Uint8Array(H.length + levels * opener.length + 1);
      bytes.set(H);
      for (let i = 0; i < levels; i++) bytes.set(opener, H.length + i * opener.length);
      bytes[bytes.length - 1] = 0xc0;
      expect(() => unpickle(bytes), opener.join(",")).toThrow(new RegExp(`nested more than ${MAX_DEPTH} levels`));
    }
  });

  it("lets a hole run cover a huge length without allocating it", () => {
    const r = unpickle(snap(0xdd, ...u32(0xfffffffe), 0xd6, EXT.HOLES, ...u32(0xfffffffe))) as unknown[];
    expect(r.length).toBe(0xfffffffe);
    expect(Object.keys(r)).toEqual([]);
    expect(() => unpickle(snap(0x92, 0xd6, EXT.HOLES, ...u32(3)))).toThrow(/3 holes in an array with 2 elements left/);
    expect(() => unpickle(snap(0x81, 0xa1, 0x61, 0xd4, EXT.HOLES, 1))).toThrow(/holes outside an array/);
    expect(() => unpickle(snap(0xd4, EXT.HOLES, 1))).toThrow(/holes outside an array/);
    expect(() => unpickle(snap(0x91, 0xd4, EXT.HOLES, 0))).toThrow(/0 holes/);
  });

  it("keeps __proto__ an own key and never touches Object.prototype", () => {
    // {"__proto__": {"polluted": 1}} as a msgpack map and as a shape
    const key = [0xa9, ...Buffer.from("__proto__")];
    const inner = [0x81, 0xa8, ...Buffer.from("polluted"), 1];
    for (const bytes of [snap(0x81, ...key, ...inner), snap(0xd4, EXT.SHAPE_DEF, 1, ...key, ...inner), snap(0xd4, EXT.OBJECT_NULL, 0, 0x81, ...key, ...inner)]) {
      const r = unpickle(bytes) as Record<string, unknown>;
      expect(Object.getOwnPropertyNames(r)).toEqual(["__proto__"]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      if (Object.getPrototypeOf(r) !== null) expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    }
    // the same through an instance: no setter of the class runs
    const acct = unpickle(snap(0xd4, EXT.INSTANCE, 0, 0xd4, EXT.MODULE_REF, 0, 0xa7, ...Buffer.from("fuzz.ts"), 0xa7, ...Buffer.from("Account"),
      0x82, 0xa4, ...Buffer.from("trap"), 1, ...key, ...inner)) as Account;
    expect(acct).toBeInstanceOf(Account);
    expect(Object.getOwnPropertyNames(acct)).toEqual(["trap", "__proto__"]);
  });

  it("refuses references forward, to unknown shapes, names, classes and kinds", () => {
    const cases: [RegExp, Uint8Array][] = [
      [/object 0, which does not exist/, snap(0xd4, EXT.REF, 0)],
      [/object 5, which does not exist/, snap(0x92, 0xd4, EXT.REF, 0, 0xd4, EXT.REF, 5)],
      [/shape 3 is used before it is defined/, snap(0xd4, EXT.SHAPED, 3)],
      [/key is not a string/, snap(0x81, 1, 2)],
      [/external 'nope'/, snap(0xd4, EXT.EXTERNAL, 0, 0xa4, ...Buffer.from("nope"))],
      [/no pickler is registered/, snap(0xd4, EXT.PICKLER, 0, 0xa4, ...Buffer.from("nope"), 0xc0)],
      [/unknown extension type 99/, snap(0xd4, 99, 0)],
      [/unknown extension type 47/, snap(0xd4, EXT.RUNTIME_47, 0)],
      [/not registered for instances/, snap(0xd4, EXT.INSTANCE, 0, 0xd4, EXT.EXTERNAL, 0, 0xab, ...Buffer.from("fuzz.logger"), 0x80)],
      [/not a registered Error subclass/, snap(0xd4, EXT.ERROR, 255, 0xd4, EXT.EXTERNAL, 0, 0xab, ...Buffer.from("fuzz.logger"), 0xc0)],
      [/error type 9/, snap(0xd4, EXT.ERROR, 9, 0xc0)],
      [/typed array type 12/, snap(0xd4, EXT.TYPED_ARRAY, 12)],
      [/view of bytes 4..12 of a 8-byte buffer/, snap(0xd4, EXT.TYPED_ARRAY, 1, 0xd4, EXT.ARRAY_BUFFER, 0, 0xc4, 8, 0, 0, 0, 0, 0, 0, 0, 0, 4, 8)],
      [/view of bytes 1/, snap(0xd4, EXT.TYPED_ARRAY, 3, 0xd4, EXT.ARRAY_BUFFER, 0, 0xc4, 8, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1)],
      [/not an ArrayBuffer/, snap(0xd4, EXT.DATA_VIEW, 0, 0x90, 0, 0)],
      [/invalid UTF-8/, snap(0xa2, 0xc3, 0x28)],
      [/invalid UTF-8/, snap(0xd9, 20, ...new Array(19).fill(0x61), 0xff)],
      [/odd WTF-16/, snap(0xc7, 3, EXT.WTF16, 0, 0x61, 0)],
      [/bad sign byte/, snap(0xc7, 2, EXT.BIGINT, 7, 1)],
      [/unexpected byte 0xc1/, snap(0xc1)],
      [/bytes after the value/, snap(0xc0, 0xc0)],
      [/malformed undefined/, snap(0xd4, EXT.UNDEFINED, 1)],
      [/SyntaxError/, snap(0xd4, EXT.REGEXP, 0, 0xa1, 0x28, 0xa0, 0)],
      [/maxByteLength/, snap(0xd4, EXT.ARRAY_BUFFER, 1, 0xcf, 0, 0, 0, 2, 0, 0, 0, 0, 0xc4, 0)],
      [/environment mode 9/, snap(0xd4, EXT.CLOSURE, 0, 0xa9, ...Buffer.from("fuzz.ts#f"), 0xa3, ...Buffer.from("abc"), 9)],
    ];
    for (const [re, bytes] of cases) {
      let err: unknown = null;
      try {
        unpickle(bytes);
      } catch (e) {
        err = e;
      }
      expect(err, String(re)).toBeInstanceOf(UnpickleError);
      expect((err as Error).message, String(re)).toMatch(re);
    }
  });

  it("builds no function from data: a closure's code must be loaded", () => {
    const bytes = snap(0xd4, EXT.CLOSURE, 0, 0xa8, ...Buffer.from("evil.ts#"), 0xa1, 0x78, 0);
    expect(() => unpickle(bytes)).toThrow(/evil.ts#, which is not loaded/);
  });
});

describe("round trips of arbitrary values (fast-check)", () => {
  it("unpickle(pickle(v)) is strictly equal to v", () => {
    const arb = fc.anything({
      withBigInt: true, withBoxedValues: false, withDate: true, withMap: true, withSet: true, withNullPrototype: true,
      withObjectString: true, withSparseArray: true, withTypedArray: true, withUnicodeString: true, maxDepth: 4,
    });
    fc.assert(
      fc.property(arb, (v) => {
        expect(unpickle(pickle(v))).toStrictEqual(v);
      }),
      { numRuns: FUZZ_N ? Math.ceil(FUZZ_N / 20) : QUICK ? 200 : 1500, seed: FUZZ_SEED || 42 },
    );
  });
});

import { describe, it, expect } from "vitest";
import { pickle, unpickle, registerPickler } from "../../runtime/pickle/index.js";
import { PickleError, UnpickleError } from "../../runtime/errors.js";
import { MAX_DEPTH } from "../../runtime/pickle/extensions.js";

function pickleError(v: unknown): PickleError {
  try {
    pickle(v);
  } catch (e) {
    expect(e).toBeInstanceOf(PickleError);
    expect((e as Error).name).toBe("PickleError");
    return e as PickleError;
  }
  throw new Error("pickle did not throw");
}

class Socket {
  fd = 3;
}

describe("PickleError names the path to the culprit", () => {
  it("through object keys and array indices", () => {
    const e = pickleError({ conn: [1, 2, 3, new Socket()] });
    expect(e.message).toMatch(/^value > key 'conn' > \[3\] > Socket: /);
    expect(e.message).toMatch(/neither registered .*nor tasklet code/);
  });

  it("for functions of plain code, bound functions, classes and built-ins", () => {
    expect(pickleError({ cb: function onData() {} }).message).toMatch(/^value > key 'cb' > function onData: .*plain code/);
    expect(pickleError([() => 1]).message).toMatch(/^value > \[0\] > anonymous function: /);
    expect(pickleError({ f: function g() {}.bind(null) }).message).toMatch(/> bound function g: /);
    expect(pickleError({ C: Socket }).message).toMatch(/> class Socket: .*not registered/);
    expect(pickleError({ p: Math.max }).message).toMatch(/> function max: a built-in function/);
  });

  it("for WeakMap, WeakSet, Promise, SharedArrayBuffer and symbols not from Symbol.for", () => {
    expect(pickleError({ w: new WeakMap() }).message).toMatch(/key 'w' > WeakMap: a WeakMap cannot be pickled/);
    expect(pickleError({ w: new WeakSet() }).message).toMatch(/WeakSet cannot be pickled/);
    expect(pickleError({ p: Promise.resolve(1) }).message).toMatch(/key 'p' > Promise: a Promise cannot be pickled/);
    expect(pickleError({ v: new Uint8Array(new SharedArrayBuffer(4)) }).message).toMatch(/key 'v' > Uint8Array > buffer > SharedArrayBuffer: shared memory/);
    expect(pickleError({ s: Symbol("local") }).message).toMatch(/key 's' > Symbol\(local\): only symbols from Symbol.for/);
    expect(pickleError(Symbol.iterator).message).toMatch(/^value > Symbol\(Symbol.iterator\)/);
  });

  it("through Maps, Sets, errors and null-prototype objects", () => {
    expect(pickleError(new Map([["k", new WeakMap()]])).message).toMatch(/^value > Map > get\('k'\) > WeakMap: /);
    expect(pickleError(new Map([[new WeakMap(), 1]])).message).toMatch(/^value > Map > key of entry 0 > WeakMap: /);
    expect(pickleError(new Set([1, new WeakSet()])).message).toMatch(/^value > Set > member 1 > WeakSet: /);
    const err = Object.assign(new Error("x"), { sock: new Socket() });
    expect(pickleError({ err }).message).toMatch(/^value > key 'err' > Error > own property > key 'sock' > Socket: /);
    const n = Object.assign(Object.create(null), { deep: { f: () => 0 } });
    expect(pickleError(n).message).toMatch(/^value > null-prototype object > key 'deep' > key 'f' > function f: /);
  });

  it("for over-deep nesting, with a limit that unpickle shares", () => {
    let deep: unknown[] = [];
    const root = deep;
    for (let i = 0; i < MAX_DEPTH + 10; i++) {
      const next: unknown[] = [];
      deep.push(next);
      deep = next;
    }
    expect(pickleError(root).message).toMatch(/nested more than \d+ levels deep/);
    let ok: unknown[] = [];
    const okRoot = ok;
    for (let i = 0; i < MAX_DEPTH - 2; i++) {
      const next: unknown[] = [];
      ok.push(next);
      ok = next;
    }
    expect(() => unpickle(pickle(okRoot))).not.toThrow();
  });

  it("reports a JS stack overflow (a caller already deep) as PickleError / UnpickleError", () => {
    let deep: unknown[] = [];
    const root = deep;
    for (let i = 0; i < MAX_DEPTH - 5; i++) {
      const next: unknown[] = [];
      deep.push(next);
      deep = next;
    }
    const bytes = pickle(root);
    const atDepth = (n: number, fn: () => unknown): unknown => (n === 0 ? fn() : atDepth(n - 1, fn));
    let overflows = 0;
    for (const [op, Err] of [[() => pickle(root), PickleError], [() => unpickle(bytes), UnpickleError]] as const) {
      for (let n = 0; n < 20_000; n += 250) {
        let reached = false;
        try {
          atDepth(n, () => {
            reached = true;
            return op();
          });
        } catch (e) {
          if (!reached) break; // atDepth itself ran out of stack: deeper n cannot reach op
          expect(e, `depth ${n}`).toBeInstanceOf(Err);
          expect((e as Error).message).toMatch(/too deep for the JS stack/);
          overflows++;
        }
      }
    }
    expect(overflows).toBeGreaterThan(0);
  });

  it("wraps a throw from a getter or a reduce() with the path and the cause", () => {
    const boom = new Error("boom");
    const o = {
      get bad() {
        throw boom;
      },
    };
    const e = pickleError({ o });
    expect(e.message).toMatch(/^value > key 'o' > Object: Error thrown while pickling it: boom/);
    expect(e.cause).toBe(boom);

    class Conn {}
    const off = registerPickler(Conn, {
      reduce() {
        throw new TypeError("not now");
      },
      restore: () => new Conn(),
    });
    try {
      const e2 = pickleError({ list: [new Conn()] });
      expect(e2.message).toMatch(/^value > key 'list' > \[0\] > Conn: TypeError thrown while pickling it: not now/);
    } finally {
      off();
    }
  });

  it("has no side effects: the graph and later pickles are unaffected", () => {
    const shared = { n: 1 };
    const bad = { a: shared, b: [shared, new WeakMap()] };
    const before = JSON.stringify({ a: bad.a, b0: bad.b[0] });
    pickleError(bad);
    expect(JSON.stringify({ a: bad.a, b0: bad.b[0] })).toBe(before);
    expect(Object.keys(shared)).toEqual(["n"]);
    // The next pickle starts from a clean reference table and shape table.
    const r = unpickle(pickle({ a: shared, b: [shared] })) as { a: object; b: object[] };
    expect(r.b[0]).toBe(r.a);
    expect(pickle({ n: 1 })).toEqual(pickle({ n: 1 }));
  });
});

describe("unpickleAsync options", () => {
  it("without a load function is a TypeError that says what load must do", async () => {
    const { unpickleAsync, restoreSnapshotAsync } = await import("../../runtime/snapshot.js");
    const bytes = pickle({ n: 1 });
    await expect((unpickleAsync as (b: Uint8Array) => Promise<unknown>)(bytes)).rejects.toThrow(/options\.load must be a function that imports a module by its id/);
    await expect((restoreSnapshotAsync as (b: Uint8Array, o: object) => Promise<unknown>)(bytes, {})).rejects.toThrow(TypeError);
  });
});

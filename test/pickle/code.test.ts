/**
 * Tasklet code as data, against hand-made "compiled" functions of the shapes in
 * docs/frame-protocol.md (fn[CODE], fn[ENV], module bindings, frame records), so these
 * tests do not depend on the compiler.
 */
import { describe, it, expect, beforeEach } from "vitest";
import {
  pickle, unpickle, unpickleAsync, setCodeLookup, registerModuleBinding, registerKind, writeFrameChain, readFrameChain, EXT,
  type CodeEntry, type FrameRecordLike,
} from "../../runtime/pickle/index.js";
import { CodeChangedError, PickleError, UnpickleError } from "../../runtime/errors.js";
import { CODE, ENV } from "../../runtime/keys.js";

type Env = Record<string, unknown>;
type Compiled = Function & { [CODE]: { id: string; hash: string; name: string; vars?: string[]; pcs?: number[] }; [ENV]?: unknown };

const table = new Map<string, CodeEntry>();
beforeEach(() => {
  table.clear();
  setCodeLookup({ findCode: (id) => table.get(id) });
});

/** A code record plus its factory, as `$m.code` + `$m.closure` would register them. */
function defineCode(id: string, hash: string, body: (env: Env) => (...a: any[]) => unknown) {
  const name = id.split(/[#>]/).pop()!;
  const code = { id, hash, name, vars: ["n", "sock", "$t0"], pcs: [1, 0, 42, 2, 43, 4] };
  const factory = (env: Env): Compiled => {
    const f = body(env) as unknown as Compiled;
    f[CODE] = code;
    f[ENV] = env;
    return f;
  };
  table.set(id, { name, hash, factory });
  return { code, factory };
}

describe("closures of tasklet code", () => {
  it("come back as factory(env), with shared environments and cycles through them", () => {
    const { factory } = defineCode("src/app.ts#outer>inc", "h1", (env) => () => (env.count = (env.count as number) + 1));
    const env: Env = { $p: { depth: 1 }, count: 10 };
    const inc = factory(env);
    const inc2 = factory(env);
    env.self = inc; // the environment holds the closure: a cycle
    const r = unpickle(pickle({ inc, inc2, inc3: inc })) as { inc: Compiled; inc2: Compiled; inc3: Compiled };
    expect(r.inc).not.toBe(inc);
    expect(r.inc3).toBe(r.inc);
    expect(r.inc[ENV]).toBe(r.inc2[ENV]);
    const renv = r.inc[ENV] as Env;
    expect(renv.self).toBe(r.inc);
    expect(renv.$p).toEqual({ depth: 1 });
    expect(r.inc()).toBe(11);
    expect(r.inc2()).toBe(12);
    expect(env.count).toBe(10);
  });

  it("handle environments met before the closure, null-prototype and non-plain environments", () => {
    const { factory } = defineCode("m.ts#f", "h", (env) => () => env);
    const env: Env = { v: 1 };
    const f = factory(env);
    const r1 = unpickle(pickle([env, f])) as [Env, Compiled];
    expect(r1[1][ENV]).toBe(r1[0]);
    const nullEnv = Object.assign(Object.create(null), { v: 2 });
    const r2 = unpickle(pickle(factory(nullEnv))) as Compiled;
    expect(Object.getPrototypeOf(r2[ENV])).toBe(null);
    expect((r2[ENV] as Env).v).toBe(2);
    const mapEnv = new Map([["v", 3]]) as unknown as Env;
    const r3 = unpickle(pickle(factory(mapEnv))) as Compiled;
    expect((r3[ENV] as unknown as Map<string, number>).get("v")).toBe(3);
  });

  it("without an environment come back as the loaded function object itself", () => {
    const code = { id: "m.ts#<anon:1>", hash: "h", name: "<anon:1>" };
    const fn = Object.assign(() => 1, { [CODE]: code }) as Compiled;
    table.set(code.id, { name: code.name, hash: "h", fn });
    expect(unpickle(pickle({ fn }))).toEqual({ fn });
    expect((unpickle(pickle([fn])) as Compiled[])[0]).toBe(fn);
  });

  it("throw CodeChangedError naming function and file when the code changed", () => {
    const { factory } = defineCode("src/app.ts#serve>handler", "old", (env) => () => env);
    const bytes = pickle(factory({}));
    table.set("src/app.ts#serve>handler", { ...table.get("src/app.ts#serve>handler")!, hash: "new" });
    expect(() => unpickle(bytes)).toThrow(CodeChangedError);
    expect(() => unpickle(bytes)).toThrow(/function handler \(src\/app.ts\) changed since the snapshot/);
  });

  it("throw UnpickleError for unknown code or with no lookup installed", () => {
    const { factory } = defineCode("m.ts#gone", "h", (env) => () => env);
    const bytes = pickle(factory({}));
    table.clear();
    expect(() => unpickle(bytes)).toThrow(/tasklet code m.ts#gone, which is not loaded/);
    setCodeLookup(null);
    expect(() => unpickle(bytes)).toThrow(/no code lookup is installed/);
    expect(() => unpickle(bytes)).toThrow(UnpickleError);
  });
});

describe("unpickleAsync", () => {
  it("loads the modules a snapshot needs, once each, then unpickles", async () => {
    const { factory } = defineCode("lazy/a.ts#f", "h", (env) => () => env);
    const helper = Object.assign(function helper() {}, { [CODE]: { id: "lazy/b.ts#helper", hash: "hb", name: "helper" } });
    const offB = registerModuleBinding("lazy/b.ts", "helper", helper);
    const bytes = pickle({ f: factory({ x: 1 }), helper });
    const entryA = table.get("lazy/a.ts#f")!;
    table.clear();
    offB();
    const loads: string[] = [];
    let offB2: (() => void) | undefined;
    const r = (await unpickleAsync(bytes, {
      async load(id) {
        loads.push(id);
        if (id === "lazy/a.ts") table.set("lazy/a.ts#f", entryA);
        if (id === "lazy/b.ts") offB2 = registerModuleBinding("lazy/b.ts", "helper", helper);
      },
    })) as { f: Compiled; helper: unknown };
    expect(loads).toEqual(["lazy/a.ts", "lazy/b.ts"]);
    expect((r.f[ENV] as Env).x).toBe(1);
    expect(r.helper).toBe(helper);
    offB2!();
  });

  it("rejects when loading does not provide the module, and with load's own rejection", async () => {
    const { factory } = defineCode("lazy/c.ts#f", "h", (env) => () => env);
    const bytes = pickle(factory({}));
    table.clear();
    await expect(unpickleAsync(bytes, { load: async () => {} })).rejects.toThrow(/lazy\/c.ts#f, which is not loaded/);
    await expect(unpickleAsync(bytes, { load: async () => { throw new Error("no such file"); } })).rejects.toThrow("no such file");
    await expect(unpickleAsync(new Uint8Array(3), { load: async () => {} })).rejects.toThrow(UnpickleError);
  });
});

describe("module-level bindings by reference", () => {
  it("restore the same function object and check its code hash", () => {
    const code = { id: "lib/util.ts#helper", hash: "aa", name: "helper" };
    const helper = Object.assign(function helper() {}, { [CODE]: code }) as Compiled;
    const off = registerModuleBinding("lib/util.ts", "helper", helper);
    try {
      const bytes = pickle({ a: helper, b: helper });
      const r = unpickle(bytes) as { a: unknown; b: unknown };
      expect(r.a).toBe(helper);
      expect(r.b).toBe(helper);
      code.hash = "bb";
      expect(() => unpickle(bytes)).toThrow(CodeChangedError);
      expect(() => unpickle(bytes)).toThrow(/function helper \(lib\/util.ts\) changed/);
    } finally {
      off();
    }
  });

  it("fail with UnpickleError when the module is not loaded", () => {
    const obj = { config: true };
    const off = registerModuleBinding("lib/cfg.ts", "config", obj);
    const bytes = pickle([obj]); // reached from the value pickled (the value itself is written by value)
    off();
    expect(() => unpickle(bytes)).toThrow(/'config' of module lib\/cfg.ts, which is not loaded/);
  });
});

describe("instances of classes of tasklet code", () => {
  it("come back as (class by reference, own properties), without constructor or setters running", () => {
    let constructed = 0;
    let setterRuns = 0;
    class Account {
      owner: string;
      balance = 0;
      history: unknown[] = [];
      constructor(owner: string) {
        constructed++;
        this.owner = owner;
      }
      set audit(_v: unknown) {
        setterRuns++;
      }
    }
    const off = registerModuleBinding("bank.ts", "Account", Account, { instances: true });
    try {
      const a = new Account("ann");
      a.balance = 5;
      a.history.push(a);
      Object.defineProperty(a, "audit", { value: "own", enumerable: true, writable: true, configurable: true });
      constructed = 0;
      const r = unpickle(pickle({ a, again: a })) as { a: Account & { audit: unknown }; again: Account };
      expect(r.a).toBeInstanceOf(Account);
      expect(r.again).toBe(r.a);
      expect(r.a.owner).toBe("ann");
      expect(r.a.balance).toBe(5);
      expect(r.a.history[0]).toBe(r.a);
      expect(Object.getOwnPropertyDescriptor(r.a, "audit")!.value).toBe("own");
      expect(constructed).toBe(0);
      expect(setterRuns).toBe(0);
    } finally {
      off();
    }
    expect(() => pickle(new Account("x"))).toThrow(/Account: its class is neither registered/);
  });

  it("refuse classes that extend a built-in with internal slots (Map, arrays, typed arrays)", () => {
    class Registry extends Map<string, number> {}
    class Row extends Array<number> {}
    class Bytes extends Uint8Array {}
    const offs = [
      registerModuleBinding("m.ts", "Registry", Registry, { instances: true }),
      registerModuleBinding("m.ts", "Row", Row, { instances: true }),
      registerModuleBinding("m.ts", "Bytes", Bytes, { instances: true }),
    ];
    try {
      expect(() => pickle(new Registry())).toThrow(/Registry, which extends the built-in Map: register a pickler/);
      expect(() => pickle(new Row())).toThrow(/Row, which extends the built-in Array/);
      expect(() => pickle(new Bytes(2))).toThrow(/Bytes, which extends the built-in Uint8Array/);
    } finally {
      offs.forEach((f) => f());
    }
  });

  it("only for classes registered with instances: true", () => {
    class Plain {}
    const off = registerModuleBinding("m.ts", "Plain", Plain);
    try {
      expect(pickle(Plain)).toBeInstanceOf(Uint8Array);
      expect(() => pickle(new Plain())).toThrow(PickleError);
    } finally {
      off();
    }
  });
});

describe("frame chains (the runtime's tasklet kind)", () => {
  class FakeTasklet {
    id = 0;
    top: FrameRecordLike | null = null;
  }
  registerKind<FakeTasklet>({
    code: EXT.RUNTIME_48,
    name: "tasklet",
    classes: [FakeTasklet],
    describe: (t) => `tasklet ${t.id}`,
    create: () => new FakeTasklet(),
    body(t, w) {
      w.write(t.id, "id");
      writeFrameChain(w, t.top);
    },
    fill(t, r) {
      t.id = r.readUint();
      t.top = readFrameChain(r);
    },
  });

  function frames(t: FakeTasklet, fns: Compiled[], localsOf: (i: number) => unknown[]): void {
    let back: FrameRecordLike | null = null;
    for (let i = fns.length - 1; i >= 0; i--) back = { fn: fns[i]!, pc: 1, self: t, vars: localsOf(i), newTarget: undefined, back };
    t.top = back;
  }

  it("round-trip, keeping identity between locals of different frames and tasklets", () => {
    const { factory } = defineCode("src/app.ts#serve", "h", (env) => () => env);
    const shared = { msg: "hi" };
    const env = {};
    const f = factory(env);
    const t1 = new FakeTasklet();
    t1.id = 7;
    frames(t1, [f, f, f], (i) => [i, shared, undefined]);
    const t2 = new FakeTasklet();
    t2.id = 8;
    frames(t2, [f], () => [t1, shared, null]);
    const r = unpickle(pickle([t1, t2])) as FakeTasklet[];
    const [r1, r2] = r as [FakeTasklet, FakeTasklet];
    expect(r1.id).toBe(7);
    let n = 0;
    for (let fr = r1.top; fr !== null; fr = fr.back) {
      expect(fr.fn).toBe(r1.top!.fn);
      expect(fr.self).toBe(r1);
      expect(fr.vars[0]).toBe(n++);
      expect(fr.vars[1]).toBe(r2.top!.vars[1]);
      expect(fr.pc).toBe(1);
      expect(Object.keys(fr)).toEqual(["fn", "pc", "self", "vars", "newTarget", "back"]);
    }
    expect(n).toBe(3);
    expect(r2.top!.vars[0]).toBe(r1);
  });

  it("pickle deep recursion without nesting (10,000 frames)", () => {
    const { factory } = defineCode("src/rec.ts#rec", "h", (env) => () => env);
    const f = factory({});
    const t = new FakeTasklet();
    frames(t, Array.from({ length: 10_000 }, () => f), (i) => [i, null, null]);
    const r = unpickle(pickle(t)) as FakeTasklet;
    let n = 0;
    for (let fr = r.top; fr !== null; fr = fr.back) expect(fr.vars[0]).toBe(n++);
    expect(n).toBe(10_000);
  });

  it("name the frame and the local in PickleError", () => {
    const { factory } = defineCode("src/app.ts#serve", "h", (env) => () => env);
    class Socket {}
    const t = new FakeTasklet();
    t.id = 7;
    frames(t, [factory({}), factory({})], (i) => [i, i === 1 ? new Socket() : null, null]);
    expect(() => pickle(t)).toThrow("tasklet 7 > frame serve (src/app.ts:42) > local 'sock' > Socket: its class is neither registered");
  });

  it("refuse frames whose function is not tasklet code, and bad pcs on restore", () => {
    const t = new FakeTasklet();
    t.top = { fn: () => 0, pc: 0, self: undefined, vars: [], newTarget: undefined, back: null };
    expect(() => pickle(t)).toThrow(/not tasklet code/);
    const { factory } = defineCode("src/app.ts#serve", "h", (env) => () => env);
    t.top = { fn: factory({}), pc: 99, self: undefined, vars: [], newTarget: undefined, back: null };
    expect(() => unpickle(pickle(t))).toThrow(/pc 99 is past the end/);
  });
});

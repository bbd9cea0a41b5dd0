import { describe, it, expect } from "vitest";
import { pickle, unpickle, registerPickler, registerExternal, registerKind, EXT } from "../../runtime/pickle/index.js";
import { PickleError, UnpickleError } from "../../runtime/errors.js";

const rt = <T>(v: T): T => unpickle(pickle(v)) as T;

class Point {
  constructor(public x: number, public y: number) {}
  norm(): number {
    return Math.hypot(this.x, this.y);
  }
}

describe("registerPickler (copyreg)", () => {
  it("restores instances through reduce/restore, once per shared instance", () => {
    let restores = 0;
    const off = registerPickler(Point, {
      reduce: (p) => [p.x, p.y],
      restore: ([x, y]: [number, number]) => (restores++, new Point(x, y)),
    });
    try {
      const p = new Point(3, 4);
      const r = rt({ a: p, b: [p], c: new Point(1, 1) });
      expect(r.a).toBeInstanceOf(Point);
      expect(r.a.norm()).toBe(5);
      expect(r.b[0]).toBe(r.a);
      expect(r.c).not.toBe(r.a);
      expect(restores).toBe(2);
    } finally {
      off();
    }
    expect(() => pickle(new Point(1, 2))).toThrow(PickleError);
  });

  it("restores cycles through getState/setState (two phases)", () => {
    class Node {
      next: Node | null = null;
      constructor(public label: string) {}
    }
    const off = registerPickler(Node, {
      reduce: (n) => n.label,
      restore: (label: string) => new Node(label),
      getState: (n) => ({ next: n.next }),
      setState: (n, s: { next: Node | null }) => {
        n.next = s.next;
      },
    });
    try {
      const a = new Node("a");
      const b = new Node("b");
      a.next = b;
      b.next = a;
      const r = rt([a, b]);
      expect(r[0]).toBeInstanceOf(Node);
      expect(r[0]!.label).toBe("a");
      expect(r[0]!.next).toBe(r[1]);
      expect(r[1]!.next).toBe(r[0]);
    } finally {
      off();
    }
  });

  it("refuses a cycle through reduce() data, naming it", () => {
    class Loop {
      me = this;
    }
    const off = registerPickler(Loop, { reduce: (l) => ({ me: l.me }), restore: () => new Loop() });
    try {
      expect(() => pickle({ l: new Loop() })).toThrow(/value > key 'l' > Loop > reduce\(\) > key 'me' > Loop: it is reached again from the head/);
    } finally {
      off();
    }
  });

  it("matches the exact class only, not subclasses", () => {
    class Sub extends Point {}
    const off = registerPickler(Point, { reduce: (p) => [p.x, p.y], restore: ([x, y]: number[]) => new Point(x!, y!) });
    try {
      expect(() => pickle(new Sub(1, 2))).toThrow(/Sub: its class is neither registered/);
    } finally {
      off();
    }
  });

  it("turns unknown names, bad restore results and throwing restores into UnpickleError", () => {
    const off = registerPickler(Point, { name: "test.Point", reduce: (p) => [p.x, p.y], restore: ([x, y]: number[]) => new Point(x!, y!) });
    const bytes = pickle(new Point(1, 2));
    off();
    expect(() => unpickle(bytes)).toThrow(/no pickler is registered here/);
    expect(() => unpickle(bytes)).toThrow(UnpickleError);

    const off2 = registerPickler(Point, { name: "test.Point", reduce: () => 0, restore: () => 42 as unknown as Point });
    try {
      expect(() => unpickle(pickle(new Point(0, 0)))).toThrow(/restore\(\) returned number/);
    } finally {
      off2();
    }
    const boom = new Error("bad data");
    const off3 = registerPickler(Point, {
      name: "test.Point",
      reduce: () => 0,
      restore: () => {
        throw boom;
      },
    });
    try {
      const err = (() => {
        try {
          unpickle(pickle(new Point(0, 0)));
        } catch (e) {
          return e as UnpickleError;
        }
      })();
      expect(err).toBeInstanceOf(UnpickleError);
      expect(err!.cause).toBe(boom);
    } finally {
      off3();
    }
  });

  it("allows pickle inside reduce() and unpickle inside restore() (re-entrant)", () => {
    class Blob {
      constructor(public inner: unknown) {}
    }
    const off = registerPickler(Blob, {
      reduce: (b) => pickle(b.inner),
      restore: (bytes: Uint8Array) => new Blob(unpickle(bytes)),
    });
    try {
      const shared = { s: 1 };
      const r = rt({ shared, blob: new Blob({ deep: [1, 2, { shared }] }), again: shared });
      expect(r.again).toBe(r.shared);
      expect(r.blob).toBeInstanceOf(Blob);
      expect(r.blob.inner).toEqual({ deep: [1, 2, { shared: { s: 1 } }] });
    } finally {
      off();
    }
  });

  it("rejects bad registrations", () => {
    expect(() => registerPickler(Map, { reduce: () => 0, restore: () => new Map() })).toThrow(/built-in kind Map/);
    expect(() => registerPickler(Point, { reduce: () => 0 } as never)).toThrow(TypeError);
    expect(() => registerPickler(Point, { reduce: () => 0, restore: () => new Point(0, 0), getState: () => 0 })).toThrow(/both getState and setState/);
    class Other {}
    const off = registerPickler(Point, { name: "dup", reduce: () => 0, restore: () => new Point(0, 0) });
    try {
      expect(() => registerPickler(Other, { name: "dup", reduce: () => 0, restore: () => new Other() })).toThrow(/name 'dup' is taken/);
    } finally {
      off();
    }
  });
});

describe("registerExternal (by reference)", () => {
  it("pickles by name and restores the value registered in the unpickling process", () => {
    const logger = { log: (_: string) => {} };
    const off = registerExternal("app.logger", logger);
    const bytes = pickle({ logger, again: [logger] });
    expect(new TextDecoder().decode(bytes)).toContain("app.logger");
    const r = unpickle(bytes) as { logger: unknown; again: unknown[] };
    expect(r.logger).toBe(logger);
    expect(r.again[0]).toBe(logger);
    // "Another process": the name now means another object.
    off();
    const other = { log: (_: string) => {} };
    const off2 = registerExternal("app.logger", other);
    expect((unpickle(bytes) as { logger: unknown }).logger).toBe(other);
    off2();
    expect(() => unpickle(bytes)).toThrow(/external 'app.logger', which is not registered here/);
  });

  it("pickles registered functions and classes by name", () => {
    function helper() {
      return 7;
    }
    class Handle {}
    const offs = [registerExternal("h", helper), registerExternal("H", Handle)];
    try {
      const r = rt({ helper, Handle });
      expect(r.helper).toBe(helper);
      expect(r.Handle).toBe(Handle);
    } finally {
      offs.forEach((f) => f());
    }
  });

  it("restores instances of registered Error subclasses as that class", () => {
    class AppError extends Error {
      override name = "AppError";
      code = 17;
    }
    const off = registerExternal("AppError", AppError);
    try {
      const r = rt(new AppError("bad"));
      expect(r).toBeInstanceOf(AppError);
      expect(r.message).toBe("bad");
      expect(r.code).toBe(17);
      expect(r.name).toBe("AppError");
    } finally {
      off();
    }
  });

  it("rejects primitives and empty names", () => {
    expect(() => registerExternal("n", 3)).toThrow(TypeError);
    expect(() => registerExternal("", {})).toThrow(TypeError);
  });
});

describe("registerKind (the runtime's hook)", () => {
  class Box {
    id = 0;
    label = "";
    items: unknown[] = [];
  }

  it("refuses a variant that does not fit the tag byte", () => {
    class Wide {}
    registerKind<Wide>({ code: EXT.RUNTIME_47, name: "wide", classes: [Wide], variant: () => 300, create: () => new Wide() });
    expect(() => pickle([new Wide()])).toThrow(/kind wide gave variant 300, not an integer in 0..255/);
  });

  it("refuses codes not reserved for the runtime", () => {
    expect(() => registerKind({ code: EXT.MAP, name: "x", classes: [class X {}], create: () => ({}) })).toThrow(/not reserved for the runtime/);
    expect(() => registerKind({ code: 99, name: "x", classes: [class X {}], create: () => ({}) })).toThrow(/not reserved/);
  });

  it("round-trips a kind with head, body, cycles, variant and a described path", () => {
    registerKind<Box>({
      code: EXT.RUNTIME_49,
      name: "box",
      classes: [Box],
      variant: (b) => b.items.length & 0xff,
      describe: (b) => `box ${b.id}`,
      describeAt: (_b, at) => `item ${at}`,
      head: (b, w) => w.write(b.label, "label"),
      create(r, variant) {
        const b = new Box();
        b.label = r.readString();
        (b as Box & { variant?: number }).variant = variant;
        return b;
      },
      body(b, w) {
        w.write(b.id);
        w.list(b.items.length);
        b.items.forEach((v, i) => w.write(v, i));
      },
      fill(b, r) {
        b.id = r.readUint();
        const n = r.list();
        for (let i = 0; i < n; i++) b.items.push(r.read());
      },
    });
    expect(() => registerKind({ code: EXT.RUNTIME_49, name: "other", classes: [class Y {}], create: () => ({}) })).toThrow(/taken by kind box/);
    const b = new Box();
    b.id = 7;
    b.label = "L";
    b.items = [b, { back: b }, 3];
    const r = rt({ b });
    expect(r.b).toBeInstanceOf(Box);
    expect(r.b.id).toBe(7);
    expect(r.b.label).toBe("L");
    expect(r.b.items[0]).toBe(r.b);
    expect((r.b.items[1] as { back: Box }).back).toBe(r.b);
    expect((r.b as Box & { variant?: number }).variant).toBe(3);

    b.items.push(new WeakMap());
    expect(() => pickle(b)).toThrow(/^box 7 > item 3 > WeakMap: /);
  });
});

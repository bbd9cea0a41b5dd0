// Instances of compiled classes with private state (#x fields, #m() methods and
// accessors) pickle with it (docs/frame-protocol.md rule 12 "Private state"): a tasklet
// paused in a method of such an object goes on in its copy, in this process and in
// another one, printing what it prints without the round trip; restoring runs no
// constructor or initializer of the program; what cannot be made again is a PickleError.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Tasklet, run, pickle, unpickle, PickleError, UnpickleError, CodeChangedError } from "stackless-ts";
import { rt } from "../../runtime/protocol.js";
import { loadTaskletModule } from "../helpers/compiled.js";
import { runProgram, type Variant } from "../helpers/program.js";

describe("fixtures/programs/ok.private-fields.ts (a tasklet paused in Player.fight)", () => {
  const file = "fixtures/programs/ok.private-fields.ts";
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "stackless-private-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each<Variant>(["compiled", "hard"])("prints the same with and without the pickle round trip (%s)", (variant) => {
    const straight = runProgram(file, variant, [], { PRIVATE_STRAIGHT: "1" });
    const roundTrip = runProgram(file, variant);
    expect(straight.status, straight.stderr).toBe(0);
    expect(roundTrip.status, roundTrip.stderr).toBe(0);
    expect(roundTrip.stdout).toBe(straight.stdout);
    expect(straight.stdout).toContain("ann#1 hp=5 alive=true self=true brand=true log=[ann hit 1x -3,heal 2,ann hit 2x -4]");
  });

  it("goes on in another process from the pickle file", () => {
    const snap = join(dir, "fight.snap");
    const saved = runProgram(file, "compiled", [], { PRIVATE_SAVE: snap });
    expect(saved.stdout).toBe("saved\n");
    expect(saved.status, saved.stderr).toBe(0);
    const loaded = runProgram(file, "compiled", [], { PRIVATE_LOAD: snap });
    expect(loaded.status, loaded.stderr).toBe(0);
    expect(loaded.stdout).toBe(runProgram(file, "compiled", [], { PRIVATE_STRAIGHT: "1" }).stdout);
  });
});

let m: Record<string, any>;
beforeAll(async () => {
  m = await loadTaskletModule(
    "private-state",
    `
import { Channel } from "stackless-ts";
export const log: string[] = [];
function note<T>(s: string, v: T): T { log.push(s); return v; }
export class Base {
  #id = note("Base.#id", 0);
  #peer: unknown = null;
  tag = note("Base.tag", "t");
  constructor(id: number, peer: unknown = note("Base.default", null)) {
    log.push("Base.ctor");
    this.#id = id;
    this.#peer = peer;
  }
  #secret(): string { return "s" + this.#id; }
  static branded(o: object): boolean { return #secret in o; }
  static peerOf(o: Base): unknown { return o.#peer; }
  setPeer(p: unknown): void { this.#peer = p; }
  describe(): string { return this.#secret() + ":" + this.tag; }
}
export class Plain extends Base {
  mid = note("Plain.mid", 1);
  constructor(id: number) { log.push("Plain.ctor"); super(id); }
}
export class Child extends Plain {
  #hp = note("Child.#hp", 10);
  constructor(id: number) { super(id); log.push("Child.ctor"); }
  hit(n: number): number { return (this.#hp -= n); }
  static hasHp(o: object): boolean { return #hp in o; }
}
export class NoPrivates extends Base {
  constructor() { log.push("NoPrivates.ctor"); super(7); }
}
export let leaked: unknown = null;
export class Leaks {
  #a = 1;
  #leak = (leaked = this);
  #b = note("Leaks.#b", (() => { throw new Error("half way"); })());
}
export class Gap {}
export class High extends Gap {
  #h = 1;
  constructor() { super(); log.push("High.ctor"); }
  h(): number { return this.#h; }
}
export class Gap2 extends High {}
export class Low extends Gap2 {
  #l = 2;
  constructor() { super(); log.push("Low.ctor"); }
  both(): string { return this.h() + " " + this.#l; }
}
export const gate = new Channel<number>();
export const results: unknown[] = [];
export class Slow {
  #v: number;
  #w = 2;
  constructor() { this.#v = gate.receive() * this.#w; }
  get v(): number { return this.#v; }
}
export function makeSlow(): void { results.push(new Slow().v); }
export class Pattern {
  #v = 0;
  constructor({ v }: { v: number }) { this.#v = v; }
}
`,
  );
});

describe("instances with private state", () => {
  it("come back with every class's private fields and brands, without running a constructor or initializer", () => {
    const c = new m.Child(1);
    const other = new m.Base(2);
    c.setPeer([c, other]); // a cycle back to the object
    c.hit(3);
    c.extra = "own";
    delete c.mid;
    m.log.length = 0;
    const r = unpickle(pickle({ c, other })) as { c: any; other: any };
    expect(m.log).toEqual([]);
    expect(Object.getPrototypeOf(r.c)).toBe(m.Child.prototype);
    expect(m.Child.hasHp(r.c) && m.Base.branded(r.c)).toBe(true);
    expect(r.c.hit(1)).toBe(6);
    expect(r.c.describe()).toBe("s1:t");
    expect(m.Base.peerOf(r.c)).toEqual([r.c, r.other]);
    expect((m.Base.peerOf(r.c) as unknown[])[0]).toBe(r.c);
    expect(r.other.describe()).toBe("s2:t");
    expect(Object.keys(r.c)).toEqual(["tag", "extra"]); // order kept, the deleted field stays deleted
    expect(Object.getPrototypeOf(m.Child)).toBe(m.Plain);
    expect(Object.getPrototypeOf(m.Base)).toBe(Function.prototype);
    expect(rt.restoring).toBe(false);
  });

  it("of a class without private state whose parent has some come back with the parent's", () => {
    const n = new m.NoPrivates();
    m.log.length = 0;
    const r = unpickle(pickle(n)) as any;
    expect(m.log).toEqual([]);
    expect(r.describe()).toBe("s7:t");
    expect(Object.getPrototypeOf(r)).toBe(m.NoPrivates.prototype);
  });

  it("have exactly the brands the original had (Reflect.construct with a subclass as new.target, Object.create)", () => {
    const parentOnly = Reflect.construct(m.Base, [3], m.Child);
    const none = Object.create(m.Child.prototype);
    const r = unpickle(pickle([parentOnly, none])) as object[];
    expect([m.Base.branded(r[0]!), m.Child.hasHp(r[0]!)]).toEqual([true, false]);
    expect([m.Base.branded(r[1]!), m.Child.hasHp(r[1]!)]).toEqual([false, false]);
  });

  it("half constructed (a field initializer threw) are a PickleError naming the class", () => {
    expect(() => new m.Leaks()).toThrow("half way");
    expect(() => pickle({ x: m.leaked })).toThrow(PickleError);
    expect(() => pickle({ x: m.leaked })).toThrow(/key 'x' > Leaks: its construction did not finish \(it has some of the private fields of class Leaks but not all/);
  });

  it("of a class whose constructor destructures a parameter are a PickleError saying what to do", () => {
    expect(() => pickle(new m.Pattern({ v: 1 }))).toThrow(/class Pattern has private state and a constructor parameter that is a destructuring pattern \(line \d+\), which unpickling would have to run: destructure in the constructor's body instead/);
  });

  it("leave every class's prototype as it was when restoring fails, and restore nothing", () => {
    const bytes = pickle(new m.Low());
    // Low's parent becomes High for the construction, then High's (derived) would become a
    // stub: frozen, it cannot, and the restore fails after the first change.
    Object.freeze(m.High);
    expect(() => unpickle(bytes)).toThrow(UnpickleError);
    expect(Object.getPrototypeOf(m.Low)).toBe(m.Gap2);
    expect(Object.getPrototypeOf(m.High)).toBe(m.Gap);
    expect(rt.restoring).toBe(false);
    m.log.length = 0;
    expect(new m.Low().both()).toBe("1 2");
    expect(m.log).toEqual(["High.ctor", "Low.ctor"]);
  });
});

describe("a tasklet paused in the constructor of a class with private state", () => {
  it("goes on in its copy, which finishes constructing the restored object", () => {
    const t = new Tasklet(m.makeSlow).setup();
    run();
    expect(t.blocked).toBe(true);
    const bytes = pickle(t);
    t.kill();
    m.log.length = 0;
    const copy = unpickle(bytes) as Tasklet;
    expect(m.log).toEqual([]);
    expect(copy.blocked).toBe(true);
    m.gate.send(21);
    run();
    expect(m.results).toEqual([42]);
    expect(copy.alive).toBe(false);
  });
});

describe("a changed class", () => {
  it("is CodeChangedError when its private fields differ from the snapshot's", async () => {
    const source = (fields: string) => `export class Moved { ${fields} constructor() {} get() { return 1; } }`;
    const v1 = await loadTaskletModule("private-changed", source("#a = 1;"));
    const bytes = pickle(new v1.Moved());
    await loadTaskletModule("private-changed", source("#a = 1; #b = 2;"));
    expect(() => unpickle(bytes)).toThrow(CodeChangedError);
    expect(() => unpickle(bytes)).toThrow("class Moved changed since the snapshot was taken: private fields #a then, #a, #b now");
  });
});

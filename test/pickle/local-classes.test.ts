// Classes evaluated in a function (declared inside a function: a new class object per
// call) pickle by value of their definition: their factory's code, environment,
// superclass and static state (runtime/pickle/classes.ts, runtime/local-classes.ts). So
// do their instances, and tasklets paused in their methods, in this process and in
// another one; restoring one runs no code of the program; what cannot be made again is
// a PickleError naming the class and where it is.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Tasklet, run, pickle, unpickle, PickleError, UnpickleError, CodeChangedError } from "stackless-ts";
import { rt, findCode } from "../../runtime/protocol.js";
import { loadTaskletModule } from "../helpers/compiled.js";
import { runProgram } from "../helpers/program.js";

describe("fixtures/programs/ok.lifo.local-classes.ts (a tasklet paused in methods of classes made by makeSquad)", () => {
  const file = "fixtures/programs/ok.lifo.local-classes.ts";
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "stackless-local-classes-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is pickled in the static block, the static method, the constructor and the methods, and prints what the uncompiled run prints", () => {
    const plain = runProgram(file, "plain");
    const compiled = runProgram(file, "compiled", [], { LOCAL_VERBOSE: "1" });
    expect(compiled.status, compiled.stderr).toBe(0);
    expect(compiled.stdout).toBe(plain.stdout);
    for (const where of ["Unit.static {}", "Unit.static start", "Unit.constructor", "Unit.act"]) expect(compiled.stderr).toContain(`pickled in ${where}`);
    expect(plain.stdout).toContain("red ann hits bob: -3\nmade 2, 7 turns\ntrue true true true\nfalse 0 true\n");
  });

  it("goes on in another process from the pickle file", () => {
    const snap = join(dir, "squad.snap");
    const saved = runProgram(file, "compiled", [], { LOCAL_SAVE: snap });
    expect(saved.stdout).toBe("saved\n");
    expect(saved.status, saved.stderr).toBe(0);
    const loaded = runProgram(file, "compiled", [], { LOCAL_LOAD: snap });
    expect(loaded.status, loaded.stderr).toBe(0);
    expect(loaded.stdout).toBe(runProgram(file, "plain").stdout);
  });
});

let m: Record<string, any>;
beforeAll(async () => {
  m = await loadTaskletModule(
    "local-classes",
    `
import { Channel } from "stackless-ts";
export const log: string[] = [];
export class Base {
  constructor(public id: number) {}
  who(): string { return "base " + this.id; }
}
export function makeCounter(start: number) {
  let shared = start;
  class Counter {
    static count = (log.push("Counter.count init"), 0);
    static { log.push("Counter static block"); }
    n: number;
    constructor(n: number) { this.n = n; Counter.count++; log.push("Counter.ctor"); }
    bump(): number { shared++; return this.n + shared; }
    static total(): number { return Counter.count * 100 + shared; }
  }
  return Counter;
}
export function makeSub(tag: string) {
  class Sub extends Base {
    tag = tag;
    who(): string { return super.who() + " as " + this.tag; }
  }
  return Sub;
}
export function makePair() {
  class A { a = 1; twice(): number { return this.a * 2; } }
  class B extends A { b = 2; sum(): number { return this.twice() + this.b; } }
  return { A, B };
}
export const gate = new Channel<number>();
export const results: unknown[] = [];
export function makeWaiter() {
  class Waiter {
    got: number[] = [];
    wait(k: number): number {
      for (let i = 0; i < k; i++) this.got.push(gate.receive());
      return this.got.reduce((x, y) => x + y, 0);
    }
  }
  return Waiter;
}
export function waitIn(W: any): void {
  results.push(new W().wait(3));
}
export function holdSecret(S: any): void {
  const s = new S();
  results.push(gate.receive(), s.constructor.peek());
}
export function makeSecret() {
  class Secret { static #hidden = 1; static peek(): number { return Secret.#hidden; } }
  return Secret;
}
export function makeArrowy() {
  class Arrowy { static n = 1; later(): () => number { return () => Arrowy.n; } }
  return Arrowy;
}
export function makePrivy() {
  class Privy {
    #hp = 3;
    hit(): number { return this.#take() * 10; }
    #take(): number { this.#hp -= gate.receive(); return this.#hp; }
  }
  return Privy;
}
export function hitIn(P: any): void {
  results.push(new P().hit());
}
export function makeNest() {
  class Outer {
    static tag = "o";
    inner(): unknown {
      class Inner { get t(): string { return Outer.tag; } }
      return new Inner();
    }
  }
  return Outer;
}
export function makeKeyed(k: string) {
  class Keyed { [k](): string { return "keyed " + k; } }
  return Keyed;
}
`,
  );
});

describe("a class evaluated in a function", () => {
  it("comes back with its static state, prototype additions and environment, without running its static code", () => {
    const C = m.makeCounter(10);
    new C(1);
    new C(2);
    C.extra = { deep: [1] };
    C.prototype.tag = "t";
    m.log.length = 0;
    const R = unpickle(pickle(C)) as any;
    expect(m.log).toEqual([]);
    expect(rt.restoring).toBe(false);
    expect(R).not.toBe(C);
    expect(R.name).toBe("Counter");
    expect(Object.keys(R)).toEqual(Object.keys(C));
    expect([R.count, R.extra, R.prototype.tag]).toEqual([2, { deep: [1] }, "t"]);
    expect(R.total()).toBe(210);
    expect(new R(5).bump()).toBe(16);
    expect(m.log).toEqual(["Counter.ctor"]);
    expect(R.total()).toBe(311);
    // The original and its environment are untouched by the copy.
    expect(C.total()).toBe(210);
  });

  it("is one class for all its instances, and instanceof holds for the copy", () => {
    const C = m.makeCounter(0);
    const r = unpickle(pickle([new C(1), new C(2)])) as any[];
    const R = r[0].constructor;
    expect(R).not.toBe(C);
    expect(r[1].constructor).toBe(R);
    expect(r[0] instanceof R && r[1] instanceof R).toBe(true);
    expect(r[0] instanceof C).toBe(false);
    expect([R.count, r[1].bump(), r[0].bump()]).toEqual([2, 3, 3]);
  });

  it("that extends a module-level class keeps that very class as its parent", () => {
    const S = m.makeSub("x");
    const r = unpickle(pickle(new S(3))) as any;
    expect(r instanceof m.Base).toBe(true);
    expect(Object.getPrototypeOf(r.constructor)).toBe(m.Base);
    expect(r.who()).toBe("base 3 as x");
    expect(Object.keys(r)).toEqual(["id", "tag"]);
  });

  it("that extends another class evaluated in the same function gets that class's copy as its parent", () => {
    const { A, B } = m.makePair();
    const r = unpickle(pickle([new B(), new A()])) as any[];
    const [RB, RA] = [r[0].constructor, r[1].constructor];
    expect(RA).not.toBe(A);
    expect(Object.getPrototypeOf(RB)).toBe(RA);
    expect(r[0] instanceof RA).toBe(true);
    expect([r[0].sum(), r[1].twice()]).toEqual([4, 2]);
  });

  it("with computed keys comes back with the same keys", () => {
    const K = m.makeKeyed("hi");
    const r = unpickle(pickle(new K())) as any;
    expect(r.constructor).not.toBe(K);
    expect(r.hi()).toBe("keyed hi");
  });

  it("comes back with the closures made in its body, which see the copy (their factories are the copy's)", () => {
    const A = m.makeArrowy();
    const f = new A().later();
    A.n = 5;
    const [g, R] = unpickle(pickle([f, A])) as [() => number, any];
    expect([g(), f()]).toEqual([5, 5]);
    R.n = 7;
    expect([g(), f()]).toEqual([7, 5]);
  });

  it("restores a tasklet paused in a private instance method of a copy that has no instance yet", () => {
    const P = m.makePrivy();
    m.results.length = 0;
    const t = new Tasklet(m.hitIn).setup(P);
    run();
    const bytes = pickle(t);
    t.kill();
    const copy = unpickle(bytes) as Tasklet;
    m.gate.send(1);
    run();
    expect(copy.alive).toBe(false);
    expect(m.results).toEqual([20]);
  });

  it("restores a tasklet paused in one of its methods, blocked on a channel again", () => {
    const W = m.makeWaiter();
    m.results.length = 0;
    const t = new Tasklet(m.waitIn).setup(W);
    run();
    m.gate.send(1);
    const bytes = pickle(t);
    t.kill();
    const copy = unpickle(bytes) as Tasklet;
    expect(copy.blocked).toBe(true);
    m.gate.send(2);
    m.gate.send(3);
    run();
    expect(copy.alive).toBe(false);
    expect(m.results).toEqual([6]);
  });
});

describe("what does not pickle", () => {
  it("a class with a static private field: PickleError naming the class, its file and line, and what to do", () => {
    const S = m.makeSecret();
    const why = /class Secret \(test\/\.out\/local-classes\.ts:\d+\) has a static private or accessor field \(line \d+\), which pickling cannot read: make it a public static field, or declare the class at module level/;
    expect(() => pickle(S)).toThrow(PickleError);
    expect(() => pickle(S)).toThrow(why);
    expect(() => pickle({ o: new S() })).toThrow(why);
  });

  it("a class whose factory stands in the body of another class evaluated in a function: PickleError", () => {
    const inner = new (m.makeNest())().inner();
    expect(inner.t).toBe("o");
    expect(() => pickle(inner)).toThrow(/> class Inner \(test\/\.out\/local-classes\.ts:\d+, evaluated in a function\): class Inner \(test\/\.out\/local-classes\.ts:\d+\) is made by a factory inside the body of another class evaluated in a function .* declare the outer class at module level/);
  });

  it("leaves a tasklet that holds such a class running", () => {
    const S = m.makeSecret();
    m.results.length = 0;
    const t = new Tasklet(m.holdSecret).setup(S);
    run();
    expect(() => pickle(t)).toThrow(/tasklet \d+ > frame holdSecret \(test\/\.out\/local-classes\.ts:\d+\) > local 'S' > class Secret/);
    m.gate.send(5);
    run();
    expect(m.results).toEqual([5, 1]);
  });
});

describe("restoring", () => {
  it("a class whose text changed since the snapshot: CodeChangedError naming the class and file", async () => {
    const v1 = await loadTaskletModule("local-classes-changed", "export function make() { class K { v = 1; } return K; }");
    const bytes = pickle(new (v1.make())());
    await loadTaskletModule("local-classes-changed", "export function make() { class K { v = 2; } return K; }");
    expect(() => unpickle(bytes)).toThrow(CodeChangedError);
    expect(() => unpickle(bytes)).toThrow(/class K \(test\/\.out\/local-classes-changed\.ts\) changed since the snapshot was taken/);
  });

  it("never evaluates a class for a closure record (only CLASS does, with its static code guarded)", () => {
    const f = new (m.makeArrowy())().later();
    const bytes = pickle(f);
    const code = findCode("test/.out/local-classes.ts#makeArrowy>Arrowy>later><anon:1>")!;
    expect(code).toBeDefined();
    code.classFactory = true;
    try {
      expect(() => unpickle(bytes)).toThrow(/code test\/\.out\/local-classes\.ts#makeArrowy>Arrowy>later><anon:1> is a class's, not a closure's/);
    } finally {
      delete code.classFactory;
    }
    expect((unpickle(bytes) as () => number)()).toBe(1);
  });

  it("from a truncated snapshot fails with UnpickleError and leaves rt.restoring off", () => {
    const bytes = pickle(m.makeCounter(1));
    for (const n of [bytes.length - 1, bytes.length >> 1]) {
      expect(() => unpickle(bytes.subarray(0, n))).toThrow(UnpickleError);
      expect(rt.restoring).toBe(false);
    }
  });
});

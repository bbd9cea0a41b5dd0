// Class members are tasklet code (issue #3): a switch inside a private method, a private
// getter, a field initializer defined by a split constructor's init method, or a class
// evaluated in tasklet code is soft where docs/unsupported.md says so (nestingLevel 0 at
// the switch, the tasklet restorable and its pickled copy finishing as the original) and
// hard elsewhere (private getters and setters, field initializers of classes without a
// split constructor); a runaway loop in the soft ones is interrupted by the watchdog.
import { describe, it, expect, beforeAll, afterEach } from "vitest";
import { Tasklet, Channel, run, pickle, unpickle } from "stackless-ts";
import { liveTasklets } from "../../runtime/scheduler.js";
import { loadTaskletModule } from "../helpers/compiled.js";

let m: Record<string, any>;

beforeAll(async () => {
  m = await loadTaskletModule(
    "class-members",
    `
import { Channel, getCurrent } from "stackless-ts";
export const ch = new Channel<number>();
export const levels: Record<string, number[]> = {};
export const results: unknown[] = [];
function take(where: string): number {
  (levels[where] ??= []).push(getCurrent().nestingLevel);
  return ch.receive();
}
export class Box {
  #v = 0;
  #take(): number { return take("private method") * 10; }
  get #got(): number { return take("private getter"); }
  fill(): number { this.#v = this.#take() + this.#got; return this.#v; }
  static #stake(): number { return take("static private method") + 100; }
  static fill(): number { return Box.#stake(); }
}
export class Split {
  a = take("split field") + 1;
  b = this.a + 1;
  constructor(public tag: string) {}
}
export class Derived extends Split {
  c = take("derived field");
  constructor() { super("d"); }
}
export class NoCtor {
  a = take("field without constructor");
}
export function makeStatic(): number {
  class S {
    static v = take("static field");
    static w: number;
    static { S.w = take("static block"); }
  }
  return S.v + S.w;
}
export function sender(values: number[]): void { for (const v of values) ch.send(v); }
export function useBox(): void { results.push(new Box().fill()); }
export function useStaticBox(): void { results.push(Box.fill()); }
export function useSplit(): void { const s = new Split("s"); results.push([s.a, s.b, s.tag]); }
export function useDerived(): void { const d = new Derived(); results.push([d.a, d.c, d.tag]); }
export function useNoCtor(): void { results.push(new NoCtor().a); }
export function useStatic(): void { results.push(makeStatic()); }

export const counters = { spin: 0 };
class Looper {
  #loop(): void { for (;;) counters.spin++; }
  go(): void { this.#loop(); }
}
class FieldLooper {
  field = (() => { for (;;) counters.spin++; })();
  constructor() {}
}
export function spinPrivate(): void { new Looper().go(); }
export function spinField(): void { new FieldLooper(); }
export function spinStatic(): void {
  class X { static { for (;;) counters.spin++; } }
  results.push(X);
}
`,
  );
});

afterEach(() => {
  for (const t of [...liveTasklets]) t.kill();
  run();
  m.results.length = 0;
  for (const k of Object.keys(m.levels)) delete m.levels[k];
});

/**
 * Runs `fn` in a tasklet and a compiled sender that feeds it `values`. With `copyIt`, the
 * tasklet first runs to its first receive, must be restorable there, and is pickled: its
 * copy (the original killed) is what gets fed. (An unpickled object has no private fields
 * or methods: JavaScript cannot create them outside their class, so only frames whose
 * objects need no private brand after the switch are copied here.)
 */
function feed(fn: () => void, values: number[], copyIt: boolean): void {
  const ch = m.ch as Channel<number>;
  let t = new Tasklet(fn).setup();
  if (copyIt) {
    run();
    expect(ch.balance, "the tasklet waits on the channel").toBe(-1);
    expect(t.restorable, "restorable at the first switch").toBe(true);
    const copy = unpickle(pickle(t)) as Tasklet;
    t.kill();
    t = copy;
  }
  new Tasklet(m.sender).setup(values);
  run();
  expect(t.alive).toBe(false);
}

describe("switches inside class members", () => {
  it("private methods switch softly (getters, which only the engine calls, hard); a pickled copy finishes", () => {
    feed(m.useBox, [1, 2], false);
    feed(m.useStaticBox, [3], true);
    expect(m.results).toEqual([12, 103]);
    expect(m.levels).toEqual({ "private method": [0], "private getter": [1], "static private method": [0] });
  });

  it("fields defined by a split constructor's init switch softly (a base constructor run by super() is hard)", () => {
    feed(m.useSplit, [4], true);
    feed(m.useDerived, [5, 6], false);
    expect(m.results).toEqual([[5, 6, "s"], [6, 6, "d"]]);
    expect(m.levels).toEqual({ "split field": [0, 1], "derived field": [0] });
  });

  it("static elements of a class evaluated in tasklet code switch softly", () => {
    feed(m.useStatic, [8, 9], false);
    expect(m.results).toEqual([17]);
    expect(m.levels).toEqual({ "static field": [0], "static block": [0] });
  });

  it("a field initializer without a split constructor switches hard, with the native result", () => {
    feed(m.useNoCtor, [7], false);
    expect(m.results).toEqual([7]);
    expect(m.levels).toEqual({ "field without constructor": [1] });
  });
});

describe.skipIf(process.env.STACKLESS_HARD === "1")("the watchdog interrupts runaway loops in class members", () => {
  for (const name of ["spinPrivate", "spinField", "spinStatic"]) {
    it(name, () => {
      const before = m.counters.spin;
      const t = new Tasklet(m[name]).setup();
      expect(run(2000)).toBe(t);
      expect(m.counters.spin).toBeGreaterThan(before);
      t.kill();
      expect(t.alive).toBe(false);
    });
  }
});

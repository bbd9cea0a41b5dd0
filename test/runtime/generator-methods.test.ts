// Generator methods and generators with default or pattern parameters in tasklets
// (protocol "Generators"): a channel receive inside their body switches softly when
// tasklet code drives them, the tasklet pickles while paused there, and a suspended
// generator of a method pickles on its own.
import { describe, it, expect, beforeAll, afterEach } from "vitest";
import { Tasklet, run, pickle, unpickle } from "stackless-ts";
import { loadTaskletModule } from "../helpers/compiled.js";
import { liveTasklets } from "../../runtime/scheduler.js";

let m: Record<string, any>;

beforeAll(async () => {
  m = await loadTaskletModule(
    "generator-methods",
    `
import { Channel, getCurrent } from "stackless-ts";
export const inbox = new Channel<number>();
export const log: string[] = [];
export const seen: unknown[] = [];

class Base {
  scale(v: number): number {
    return v * 10;
  }
}

export class Summer extends Base {
  bonus = 1;
  *sums(limit: number, { start = 0 }: { start?: number } = {}) {
    let total = start;
    for (let i = 0; i < limit; i++) {
      total += inbox.receive();               // the switch happens inside the method body
      seen.push(getCurrent().restorable, getCurrent().nestingLevel);
      yield super.scale(total) + this.bonus;
    }
    return "done " + total;
  }
  static *ticks(n = 2) {
    for (let i = 0; i < n; i++) yield "tick " + inbox.receive();
  }
}

// (Private state does not survive pickling an instance: only this one has any.)
class Quiet {
  *#quiet() {
    yield inbox.receive();
  }
  quiet(): Generator<number> {
    return this.#quiet();
  }
}

export const literal = {
  *pairs([a, b]: number[] = [1, 2]) {
    yield a + b + inbox.receive();
  },
};

export function consume(name: string, limit: number): void {
  for (const t of new Summer().sums(limit, { start: 100 })) log.push(name + " " + t);
  log.push(name + " end");
}

export function mixed(): void {
  for (const t of Summer.ticks()) log.push(t);
  for (const q of new Quiet().quiet()) log.push("quiet " + q);
  for (const p of literal.pairs()) log.push("pair " + p);
}

export function holdAndWait(g: Generator<number>): void {
  log.push(String(g.next().value));
  log.push("got " + inbox.receive());         // the generator, suspended at a yield, is in a slot
  log.push(String(g.next().value));
}

// Non-simple parameters and a body reading \`arguments\`: the generator keeps the call's
// arguments object (pickled as one) until the body starts.
export function* counted(a: number, b = 10) {
  yield arguments.length;
  yield a + b + inbox.receive();
  yield arguments[0];
}

export function stepAll(...gens: Generator<number>[]): void {
  for (const g of gens) log.push(String(g.next().value));
}
`,
  );
});

afterEach(() => {
  for (const t of [...liveTasklets]) t.kill();
  run();
  m.log.splice(0);
  m.seen.splice(0);
});

describe("generator methods in tasklets", () => {
  it("a channel receive inside a generator method driven by a for-of switches softly", () => {
    const t = new Tasklet(m.consume).setup("a", 2);
    run();
    expect(t.blocked).toBe(true);
    expect(t.restorable).toBe(true);
    expect(t.nestingLevel).toBe(0);
    expect(t.frame?.functionName).toBe("Summer.sums");
    m.inbox.send(1);
    m.inbox.send(2);
    run();
    expect(m.log).toEqual(["a 1011", "a 1031", "a end"]);
    expect(m.seen).toEqual([true, 0, true, 0]);
  });

  it("static, private and object literal generator methods switch softly too", () => {
    const t = new Tasklet(m.mixed).setup();
    for (const v of [1, 2, 3, 4]) {
      run();
      expect(t.blocked).toBe(true);
      expect(t.restorable).toBe(true);
      m.inbox.send(v);
    }
    run();
    expect(m.log).toEqual(["tick 1", "tick 2", "quiet 3", "pair 7"]);
  });

  it("a tasklet paused inside a generator method's body pickles; the copy finishes as the original would", () => {
    const t = new Tasklet(m.consume).setup("c", 3);
    run();
    m.inbox.send(5);
    run();
    expect(m.log.splice(0)).toEqual(["c 1051"]);
    const bytes = pickle(t);
    m.inbox.send(6);
    m.inbox.send(7);
    run();
    const original = m.log.splice(0);
    unpickle(bytes);
    m.inbox.send(6);
    m.inbox.send(7);
    run();
    expect(m.log).toEqual(original);
    expect(original).toEqual(["c 1111", "c 1181", "c end"]);
  });

  it("a suspended generator of a method pickles with its tasklet and on its own", () => {
    const g = new m.Summer().sums(3);
    const t = new Tasklet(m.holdAndWait).setup(g);
    run(); // g waits inside its body: its first receive
    m.inbox.send(1);
    run(); // g yielded 11; holdAndWait waits on the inbox with g suspended in a slot
    expect(m.log).toEqual(["11"]);
    const bytes = pickle(t);
    t.kill();
    const copy = unpickle(bytes) as Tasklet;
    expect(copy.blocked).toBe(true);
    m.inbox.send(100); // holdAndWait's receive
    run(); // the copy's g.next() waits for its second value
    m.inbox.send(2);
    run();
    expect(m.log).toEqual(["11", "got 100", "31"]);

    const h = unpickle(pickle(g)) as Generator<number, string>;
    expect(h === g).toBe(false);
    expect(Object.getPrototypeOf(h) === m.Summer.prototype.sums.prototype).toBe(true);
    expect(Object.prototype.toString.call(h)).toBe("[object Generator]");
    // Both copies stand after their first yield: they take the next value from the inbox.
    const r = new Tasklet(m.stepAll).setup(h, g);
    run();
    m.inbox.send(4);
    run();
    m.inbox.send(5);
    run();
    expect(r.alive).toBe(false);
    expect(m.log.slice(-2)).toEqual(["51", "61"]);
  });

  it("a generator with default parameters that reads arguments pickles before it starts and while suspended", () => {
    const fresh = unpickle(pickle(m.counted(1))) as Generator<number>;
    const g = m.counted(2);
    g.next();
    const suspended = unpickle(pickle(g)) as Generator<number>;
    const t = new Tasklet(m.stepAll).setup(fresh, fresh, suspended, fresh, suspended);
    run();
    m.inbox.send(100);
    run();
    m.inbox.send(200);
    run();
    expect(t.alive).toBe(false);
    expect(m.log).toEqual(["1", "111", "212", "1", "2"]);
  });

  it("a generator of a method with pattern parameters pickles before it starts", () => {
    const g = m.literal.pairs([3, 4]);
    const h = unpickle(pickle(g)) as Generator<number>;
    const t = new Tasklet(m.stepAll).setup(h);
    run();
    m.inbox.send(10);
    run();
    expect(t.alive).toBe(false);
    expect(m.log).toEqual(["17"]);
  });
});

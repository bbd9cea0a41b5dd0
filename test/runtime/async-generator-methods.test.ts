// Async generator methods and async generators with default, pattern or rest parameters
// in tasklets (protocol "Async generators", "Generators"): in classes (instance, static,
// private, computed keys) and object literals, a channel receive inside the body
// switches softly, `super` and `this` keep their meaning, and a generator suspended at
// a yield pickles, in process and across processes.
import { describe, it, expect, beforeAll, afterEach } from "vitest";
import { run, pickle, unpickle, getCurrent } from "stackless-ts";
import { loadTaskletModule } from "../helpers/compiled.js";
import { liveTasklets } from "../../runtime/scheduler.js";
import { ensureBuilt, fixture, stackless } from "../cli/helpers.js";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

let m: Record<string, any>;

beforeAll(async () => {
  m = await loadTaskletModule(
    "async-generator-methods",
    `
import { Channel, getCurrent, schedule } from "stackless-ts";
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
  async *sums(limit: number) {
    let total = 0;
    try {
      for (let i = 0; i < limit; i++) {
        total += inbox.receive();          // blocks the step's tasklet: a soft switch
        seen.push(getCurrent().restorable, getCurrent().nestingLevel);
        schedule();
        const sent = yield super.scale(await Promise.resolve(total)) + this.bonus;
        if (sent !== undefined) log.push("sums got " + sent);
      }
    } finally {
      log.push("sums finally " + total);
    }
    return "done " + total;
  }
  static async *ticks(n: number) {
    for (let i = 0; i < n; i++) yield this.name + " " + inbox.receive();
  }
  async *#counter(from: number) {
    let n = from;
    for (;;) {
      const step = yield n;
      n += await Promise.resolve(step ?? 1);
    }
  }
  counter(from: number): AsyncGenerator<number, void, number> {
    return this.#counter(from);
  }
  static async *#hidden() {
    yield "static private " + inbox.receive();
  }
  static hidden(): AsyncGenerator<string> {
    return Summer.#hidden();
  }
  async *[Symbol.asyncIterator]() {
    yield "iter " + inbox.receive();
  }
}

export const literal = {
  base: 5,
  async *count(n: number) {
    for (let i = 0; i < n; i++) {
      const k = yield this.base + i;
      log.push("literal got " + k);
    }
  },
};

// Default, pattern and rest parameters: bound natively at the call, once.
export const counts = { defaults: 0 };
function dflt(): number {
  counts.defaults++;
  return 100;
}
export async function* withDefaults(a = dflt(), { b = 2 }: { b?: number } = {}, ...[c = 3]: number[]) {
  yield a + b + c + arguments.length;
  yield inbox.receive();
}
export const patterned = {
  async *pairs([x, y]: number[] = [1, 2]) {
    yield x + y + inbox.receive();
  },
};

export async function collect(it: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const v of it) out.push(v);
  return out;
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

/** The step tasklet blocked inside the body of generator method `name`, if any. */
function blockedStep(name: string) {
  return [...liveTasklets].find((t) => t !== getCurrent() && t.blocked && t.frame?.functionName === name);
}

describe("async generator methods in tasklets", () => {
  it("a channel receive and schedule() inside a method's body switch softly; super and this work", async () => {
    const it = new m.Summer().sums(2) as AsyncGenerator<number, string, string>;
    const first = it.next();
    const step = blockedStep("Summer.sums");
    expect(step).toBeDefined();
    expect(step!.restorable).toBe(true);
    expect(step!.nestingLevel).toBe(0);
    await m.inbox.sendAsync(3);
    expect(await first).toEqual({ value: 31, done: false });
    const second = it.next("s");
    await m.inbox.sendAsync(4);
    expect(await second).toEqual({ value: 71, done: false });
    expect(await it.next()).toEqual({ value: "done 7", done: true });
    expect(m.log).toEqual(["sums got s", "sums finally 7"]);
    expect(m.seen).toEqual([true, 0, true, 0]);
  });

  it("static, private, computed-key and object literal methods switch softly too", async () => {
    const got: string[] = [];
    const ticks = m.collect(m.Summer.ticks(2)) as Promise<string[]>;
    expect(blockedStep("Summer.static ticks")?.restorable).toBe(true);
    await m.inbox.sendAsync(1);
    await m.inbox.sendAsync(2);
    got.push(...(await ticks));
    const hidden = m.collect(m.Summer.hidden()) as Promise<string[]>;
    expect(blockedStep("Summer.static #hidden")?.restorable).toBe(true);
    await m.inbox.sendAsync(3);
    got.push(...(await hidden));
    const iter = m.collect(new m.Summer()) as Promise<string[]>;
    expect(blockedStep("Summer.[computed]")?.restorable).toBe(true);
    await m.inbox.sendAsync(4);
    got.push(...(await iter));
    expect(got).toEqual(["Summer 1", "Summer 2", "static private 3", "iter 4"]);
  });

  it("a tasklet blocked inside a method's body pickles (its step's frames are records)", async () => {
    const it = new m.Summer().sums(1) as AsyncGenerator<number, string>;
    const p = it.next();
    const step = blockedStep("Summer.sums")!;
    expect(pickle(step).length).toBeGreaterThan(0);
    expect(() => pickle(it)).toThrow(/running/);
    step.kill();
    await expect(p).rejects.toThrow(/killed/);
    expect(m.log).toEqual(["sums finally 0"]);
  });

  it("a generator of a private method suspended at a yield pickles and the copy resumes there", async () => {
    const g = new m.Summer().counter(10) as AsyncGenerator<number, void, number>;
    expect(await g.next()).toEqual({ value: 10, done: false });
    expect(await g.next(5)).toEqual({ value: 15, done: false });
    const copy = unpickle(pickle(g)) as AsyncGenerator<number, void, number>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.getPrototypeOf(g));
    expect(await copy.next(2)).toEqual({ value: 17, done: false });
    expect(await copy.return(undefined)).toEqual({ value: undefined, done: true });
    // The original stands where it stood.
    expect(await g.next(100)).toEqual({ value: 115, done: false });
    await g.return(undefined);
  });

  it("an object literal method's generator pickles with its `this`, not started and suspended", async () => {
    const fresh = unpickle(pickle(m.literal.count(2))) as AsyncGenerator<number, void, string>;
    expect(await fresh.next()).toEqual({ value: 5, done: false });
    await fresh.return(undefined);
    const g = m.literal.count(3) as AsyncGenerator<number, void, string>;
    expect(await g.next()).toEqual({ value: 5, done: false });
    const { g: copy, o } = unpickle(pickle({ g, o: m.literal })) as { g: AsyncGenerator<number, void, string>; o: unknown };
    expect(o).toBe(m.literal); // a module-level binding: by reference
    expect(await copy.next("a")).toEqual({ value: 6, done: false });
    expect(await copy.next("b")).toEqual({ value: 7, done: false });
    expect(await copy.next("c")).toEqual({ value: undefined, done: true });
    expect(m.log).toEqual(["literal got a", "literal got b", "literal got c"]);
    await g.return(undefined);
  });

  it("a suspended generator of a class method pickles with its instance", async () => {
    const s = new m.Summer();
    s.bonus = 2;
    const g = s.sums(2) as AsyncGenerator<number, string, string>;
    const first = g.next();
    await m.inbox.sendAsync(1);
    expect(await first).toEqual({ value: 12, done: false });
    const { g: copy } = unpickle(pickle({ g })) as { g: AsyncGenerator<number, string, string> };
    const next = copy.next("c");
    await m.inbox.sendAsync(2);
    expect(await next).toEqual({ value: 32, done: false });
    expect(await copy.next()).toEqual({ value: "done 3", done: true });
    expect(m.log).toEqual(["sums got c", "sums finally 3"]);
    await g.return("stop");
  });

  it("with default, pattern and rest parameters: bound once at the call; pickles before it starts and suspended, without binding them again", async () => {
    const fresh = m.withDefaults() as AsyncGenerator<number>;
    expect(m.counts.defaults).toBe(1);
    const copy = unpickle(pickle(fresh)) as AsyncGenerator<number>;
    expect(await copy.next()).toEqual({ value: 105, done: false });
    await copy.return(undefined);
    expect(m.counts.defaults).toBe(1);
    const g = m.withDefaults(1, { b: 1 }, 1) as AsyncGenerator<number>;
    expect(await g.next()).toEqual({ value: 6, done: false });
    const { g: resumed } = unpickle(pickle({ g })) as { g: AsyncGenerator<number> };
    const next = resumed.next();
    // (the copy stands at its yield a microtask after unpickle: the request waits that long)
    for (let i = 0; i < 5 && !blockedStep("withDefaults"); i++) await null;
    expect(blockedStep("withDefaults")?.restorable).toBe(true);
    await m.inbox.sendAsync(9);
    expect(await next).toEqual({ value: 9, done: false });
    expect(await resumed.next()).toEqual({ value: undefined, done: true });
    expect(m.counts.defaults).toBe(1);
    await g.return(undefined);
    // An array pattern's iteration and a pattern's TypeError happen at the call, natively.
    expect(() => m.patterned.pairs(null)).toThrow(TypeError);
    const p = m.patterned.pairs() as AsyncGenerator<number>;
    const first = p.next();
    expect(blockedStep("pairs")?.restorable).toBe(true);
    await m.inbox.sendAsync(4);
    expect(await first).toEqual({ value: 7, done: false });
  });

  it("a suspended generator of a method is resumed by another process", () => {
    ensureBuilt();
    const snap = join(mkdtempSync(join(tmpdir(), "stackless-agenmeth-")), "agen.snap");
    const saved = stackless(["run", fixture("async-generator-method.ts"), "save", snap]);
    expect(saved.stderr).toBe("");
    expect(saved.stdout).toBe("default ran\nt 1\nt 11\nsaved\n");
    const loaded = stackless(["run", fixture("async-generator-method.ts"), "load", snap]);
    expect(loaded.stderr).toBe("");
    expect(loaded.stdout).toBe("t 16\nt 17\nt closed at 17\n");
  });
});

// Compiled async generators in tasklets (protocol "Async generators"): a channel receive
// or schedule() inside the body switches softly (the body runs in a step tasklet whose
// frames are records), and a generator suspended at a yield pickles and restores.
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
    "async-generators",
    `
import { Channel, getCurrent, schedule } from "stackless-ts";
export const inbox = new Channel<number>();
export const log: string[] = [];
export const seen: unknown[] = [];
export const steps: unknown[] = [];

export async function* fromInbox(limit: number) {
  let total = 0;
  try {
    for (let i = 0; i < limit; i++) {
      const v = inbox.receive();           // blocks the step's tasklet: a soft switch
      seen.push(getCurrent().restorable, getCurrent().nestingLevel);
      schedule();                          // and another one
      total += await Promise.resolve(v);
      yield total;
    }
  } finally {
    log.push("fromInbox finally " + total);
  }
  return "all " + total;
}

export async function* counter(from: number) {
  let n = from;
  try {
    for (;;) {
      const cmd = yield n;
      log.push("counter got " + cmd);
      n += await Promise.resolve(1);
    }
  } finally {
    log.push("counter finally " + n);
  }
}

export async function* deep() {
  try { yield 1; } finally {
    try { yield 2; } finally {
      try { yield 3; } finally {
        try { yield 4; } finally { log.push("deepest finally"); }
      }
    }
  }
}

export async function driveTwo(g: AsyncGenerator<number>) {
  const a = await g.next();
  const b = await g.next();
  return [a.value, b.value];
}

export async function* waitsFor(p: Promise<number>) {
  yield await p;
}

export async function* source(n: number) {
  try {
    for (let i = 0; i < n; i++) yield i;
  } finally {
    log.push("source closed");
  }
}

export async function* scaled(it: AsyncIterable<number>, k: number) {
  for await (const x of it) yield x * k;
  return "scaled done";
}

export async function* delegating() {
  yield* [1, 2];
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

describe("compiled async generators in tasklets", () => {
  it("a channel receive and schedule() inside the body switch softly; the generator goes on", async () => {
    const it = m.fromInbox(2) as AsyncGenerator<number, string>;
    const first = it.next();
    // The body blocked on the inbox in its step tasklet: a soft switch, restorable.
    const step = [...liveTasklets].find((t) => t !== getCurrent() && t.blocked);
    expect(step).toBeDefined();
    expect(step!.restorable).toBe(true);
    expect(step!.nestingLevel).toBe(0);
    expect(step!.frame?.functionName).toBe("fromInbox");
    // Plain code feeds the channel (sendAsync: it never blocks).
    const sent = m.inbox.sendAsync(5);
    expect(await first).toEqual({ value: 5, done: false });
    await sent;
    const second = it.next();
    await m.inbox.sendAsync(7);
    expect(await second).toEqual({ value: 12, done: false });
    expect(await it.next()).toEqual({ value: "all 12", done: true });
    expect(m.log).toEqual(["fromInbox finally 12"]);
    // Each time the body resumed after its receive it was running softly.
    expect(m.seen).toEqual([true, 0, true, 0]);
  });

  it("a tasklet blocked inside the body pickles (its step's frames are records)", async () => {
    const it = m.fromInbox(1) as AsyncGenerator<number, string>;
    const p = it.next();
    const step = [...liveTasklets].find((t) => t !== getCurrent() && t.blocked)!;
    const bytes = pickle(step);
    expect(bytes.length).toBeGreaterThan(0);
    // The generator object itself is running (its wrapper awaits the step): refused.
    expect(() => pickle(it)).toThrow(/running/);
    // Killing the step runs the body's finally; the generator rejects with TaskletExit.
    step.kill();
    await expect(p).rejects.toThrow(/killed/);
    expect(m.log).toEqual(["fromInbox finally 0"]);
  });

  it("a generator suspended at a yield pickles and the copy resumes there", async () => {
    const g = m.counter(10) as AsyncGenerator<number, void, string>;
    expect(await g.next()).toEqual({ value: 10, done: false });
    expect(await g.next("a")).toEqual({ value: 11, done: false });
    const bytes = pickle(g);
    const copy = unpickle(bytes) as AsyncGenerator<number, void, string>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.getPrototypeOf(g));
    // The copy goes on from the yield that gave 11 …
    expect(await copy.next("b")).toEqual({ value: 12, done: false });
    expect(await copy.next("c")).toEqual({ value: 13, done: false });
    expect(await copy.return(undefined)).toEqual({ value: undefined, done: true });
    // … and the original is untouched: it also stands at that yield.
    expect(await g.next("x")).toEqual({ value: 12, done: false });
    expect(m.log).toEqual(["counter got a", "counter got b", "counter got c", "counter finally 13", "counter got x"]);
    await g.return(undefined);
  });

  it("a generator that has not started, and one that is done, pickle too", async () => {
    const fresh = unpickle(pickle(m.counter(1))) as AsyncGenerator<number>;
    expect(await fresh.next()).toEqual({ value: 1, done: false });
    await fresh.return(undefined);
    const g = m.counter(1) as AsyncGenerator<number>;
    await g.next();
    await g.return(undefined);
    const done = unpickle(pickle(g)) as AsyncGenerator<number>;
    expect(await done.next()).toEqual({ value: undefined, done: true });
  });

  it("one driven by tasklet code is linked by its next(): it pickles while another one awaits", async () => {
    const g = m.counter(1) as AsyncGenerator<number>;
    expect(await m.driveTwo(g)).toEqual([1, 2]);
    let release!: (v: number) => void;
    const busy = m.waitsFor(new Promise<number>((r) => (release = r))) as AsyncGenerator<number>;
    const pending = busy.next();
    // An unlinked one cannot be asked now (a priming next() could reach the busy one)…
    expect(() => pickle({ other: m.counter(5) })).toThrow(/cannot be linked now/);
    // … but the linked one needs no asking.
    const { g: copy } = unpickle(pickle({ g })) as { g: AsyncGenerator<number> };
    expect(await copy.next()).toEqual({ value: 3, done: false });
    release(9);
    expect(await pending).toEqual({ value: 9, done: false });
    await copy.return(undefined);
    await g.return(undefined);
    await busy.return(undefined);
  });

  it("a pipeline suspended inside for await pickles (the inner generator, or a sync iterable's adapter, with it)", async () => {
    const g = m.scaled(m.source(4), 10) as AsyncGenerator<number, string>;
    expect([(await g.next()).value, (await g.next()).value]).toEqual([0, 10]);
    const { g: copy } = unpickle(pickle({ g })) as { g: AsyncGenerator<number, string> };
    const rest: number[] = [];
    for await (const v of copy) rest.push(v);
    expect(rest).toEqual([20, 30]);
    expect(await g.next()).toEqual({ value: 20, done: false });
    await g.return("stop");
    expect(m.log).toEqual(["source closed", "source closed"]);
    const s = m.scaled([1, 2, 3], 2) as AsyncGenerator<number, string>;
    await s.next();
    const { s: sc } = unpickle(pickle({ s })) as { s: AsyncGenerator<number, string> };
    expect(await sc.next()).toEqual({ value: 4, done: false });
    expect(await sc.next()).toEqual({ value: 6, done: false });
    expect(await sc.next()).toEqual({ value: "scaled done", done: true });
    await s.return("stop");
  });

  it("a generator suspended in yield* refuses to pickle, naming why", async () => {
    const g = m.delegating() as AsyncGenerator<number>;
    await g.next();
    expect(() => pickle(g)).toThrow(/yield\*/);
    await g.return(undefined);
  });

  it("a suspended async generator pickles inside a graph of other values", async () => {
    const g = m.counter(40) as AsyncGenerator<number, void, string>;
    await g.next();
    const bytes = pickle({ g });
    const { g: copy } = unpickle(bytes) as { g: AsyncGenerator<number, void, string> };
    expect(await copy.next("y")).toEqual({ value: 41, done: false });
    await copy.return(undefined);
    await g.return(undefined);
  });

  it("return() nested in finally blocks three levels deep works; a fourth throws RangeError", async () => {
    const g = m.deep() as AsyncGenerator<number>;
    expect(await g.next()).toEqual({ value: 1, done: false });
    expect(await g.return(undefined)).toEqual({ value: 2, done: false });
    expect(await g.return(undefined)).toEqual({ value: 3, done: false });
    expect(await g.return(undefined)).toEqual({ value: 4, done: false });
    await expect(g.return(undefined)).rejects.toThrow(RangeError);
  });

  it("a suspended async generator is resumed by another process", () => {
    ensureBuilt();
    const snap = join(mkdtempSync(join(tmpdir(), "stackless-agen-")), "agen.snap");
    const saved = stackless(["run", fixture("async-generator.ts"), "save", snap]);
    expect(saved.stderr).toBe("");
    expect(saved.stdout).toBe("t 1\nt 11\nsaved\n");
    const loaded = stackless(["run", fixture("async-generator.ts"), "load", snap]);
    expect(loaded.stderr).toBe("");
    expect(loaded.stdout).toBe("t 16\nt 17\nt closed at 17\n");
  });
});

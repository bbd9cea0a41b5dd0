// async/await in tasklet code (docs/frame-protocol.md "Async functions"): `await` blocks
// only its tasklet; `await f()` of a compiled async f runs f inline in the same tasklet
// (so the whole chain pickles while it waits on a channel); any other call of a compiled
// async function runs it in a tasklet of its own, started at once, and returns a promise.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { Channel, Tasklet, pickle, run, runAsync, unpickle } from "stackless-ts";
import { loadTaskletModule } from "./helpers/compiled.js";
import { liveTasklets } from "../runtime/scheduler.js";

let m: Record<string, any>;

beforeAll(async () => {
  m = await loadTaskletModule(
    "programs-async",
    `
import { Channel, getCurrent } from "stackless-ts";
export const log: string[] = [];

export async function firstAwait(tag: string): Promise<string> {
  log.push(tag + " start");
  await null;
  log.push(tag + " end");
  return tag;
}

export async function step(ch: Channel<number>, k: number): Promise<number> {
  const v = ch.receive();              // a channel wait inside an async function
  return v * k;
}

export async function pipeline(ch: Channel<number>): Promise<number> {
  const a = await step(ch, 10);        // inline: same tasklet
  log.push("a " + a);
  const b = await step(ch, 100);
  log.push("b " + b);
  return a + b;
}

export async function runPipeline(ch: Channel<number>, results: number[]): Promise<void> {
  results.push(await pipeline(ch));
}

export async function spawned(ch: Channel<number>): Promise<number> {
  return (await step(ch, 2)) + 1;
}

export async function whoRuns(): Promise<string[]> {
  const me = getCurrent();
  const inner = async () => getCurrent() === me;
  const sameInline = await inner();          // inline: same tasklet
  const p = inner();                         // not awaited here: its own tasklet
  return [String(sameInline), String(await p)];
}

export async function thrower(msg: string): Promise<never> {
  await Promise.resolve(0);
  throw new RangeError(msg);
}

export async function catches(): Promise<string> {
  try {
    await thrower("inline");
    return "no";
  } catch (e) {
    return "caught " + (e as Error).message;
  }
}

export async function values(): Promise<unknown[]> {
  const thenable = { then(ok: (v: number) => void) { ok(7); } };
  const adopt = async () => Promise.resolve(8);  // returns a promise: the await adopts it
  return [await 1, await thenable, await adopt(), await (async () => 9)()];
}

export async function noDeadlock(): Promise<number[]> {
  let open!: (v: number) => void;
  const gate = new Promise<number>((r) => (open = r));
  const waits = async () => (await gate) + 1;
  const opens = async () => { open(41); return 0; };
  return Promise.all([waits(), opens()]);      // both run: neither blocks the other
}

export class Account {
  constructor(public total: number) {}
  async add(x: number): Promise<number> {
    await null;
    this.total += x;
    return this.total;
  }
}

export async function useAccount(acc: Account): Promise<number> {
  await acc.add(1);
  return await acc.add(2);
}
`,
  );
});

afterEach(() => {
  for (const t of [...liveTasklets]) t.kill();
  run();
  m.log.splice(0);
});

describe("async functions in tasklet code", () => {
  it("called from plain code, the body runs synchronously up to its first wait, then the caller goes on", async () => {
    const p = m.firstAwait("f");
    m.log.push("caller");
    expect(p).toBeInstanceOf(Promise);
    expect(await p).toBe("f");
    expect(m.log).toEqual(["f start", "caller", "f end"]);
  });

  it("`await f()` runs f in the same tasklet; other calls run in a tasklet of their own", async () => {
    expect(await m.whoRuns()).toEqual(["true", "false"]);
  });

  it("a tasklet waiting on a channel inside an inline await chain pickles, and the copy finishes as the original", async () => {
    const ch = new Channel<number>();
    const results: number[] = [];
    const t = new Tasklet(m.runPipeline).setup(ch, results);
    run();
    expect(t.blocked).toBe(true);
    ch.send(1); // a = 10; now blocked in the second step
    expect(m.log).toEqual(["a 10"]);
    const copy = unpickle(pickle([t, results])) as [Tasklet, number[]];
    const ch2 = (copy[0] as any).blockedOn as Channel<number>;
    ch.send(2);
    ch2.send(3);
    await runAsync();
    expect(m.log).toEqual(["a 10", "b 200", "b 300"]);
    expect(results).toEqual([210]);
    expect(copy[1]).toEqual([310]);
  });

  it("a tasklet started for a call from plain code pickles too; its copy settles a promise nobody holds", async () => {
    const ch = new Channel<number>();
    const p = m.spawned(ch);
    const [t] = [...liveTasklets].filter((x) => x.blocked);
    expect(t).toBeDefined();
    const copy = unpickle(pickle(t)) as Tasklet;
    ch.send(5);
    ((copy as any).blockedOn as Channel<number>).send(6);
    await runAsync();
    expect(await p).toBe(11);
    expect(copy.alive).toBe(false);
  });

  it("errors: thrown across an inline await, rejected promises from spawned calls, uncaught in an async tasklet", async () => {
    expect(await m.catches()).toBe("caught inline");
    await expect(m.thrower("spawned")).rejects.toThrow(RangeError);
    new Tasklet(m.thrower).setup("in a tasklet");
    await expect(runAsync()).rejects.toThrow("in a tasklet");
  });

  it("await takes values, thenables and adopted promises as natively", async () => {
    expect(await m.values()).toEqual([1, 7, 8, 9]);
  });

  it("calls not awaited run concurrently: one may wait for what the other does", async () => {
    expect(await m.noDeadlock()).toEqual([42, 0]);
  });

  it("async methods keep `this` across awaits, inline and spawned", async () => {
    const acc = new m.Account(0);
    expect(await m.useAccount(acc)).toBe(3);
    expect(await acc.add(10)).toBe(13);
  });
});

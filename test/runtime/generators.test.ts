// Compiled generators in tasklets (protocol "Generators"): a channel receive inside a
// generator body switches softly when tasklet code drives the generator, the tasklet
// pickles while paused there (and between next() calls), and a runaway loop inside a
// generator body is interrupted by the watchdog.
import { describe, it, expect, beforeAll, afterEach } from "vitest";
import { Tasklet, run, pickle, unpickle } from "stackless-ts";
import { loadTaskletModule } from "../helpers/compiled.js";
import { liveTasklets } from "../../runtime/scheduler.js";

let m: Record<string, any>;

beforeAll(async () => {
  m = await loadTaskletModule(
    "generators",
    `
import { Channel, getCurrent } from "stackless-ts";
export const inbox = new Channel<number>();
export const log: string[] = [];
export const seen: unknown[] = [];

export function* fromInbox(limit: number) {
  let total = 0;
  try {
    for (let i = 0; i < limit; i++) {
      const v = inbox.receive();          // the switch happens inside the generator body
      seen.push(getCurrent().restorable, getCurrent().nestingLevel);
      total += v;
      const cmd = yield total;
      if (cmd === "stop") return "stopped at " + total;
    }
  } finally {
    log.push("fromInbox finally " + total);
  }
  return "all " + total;
}

export function consume(name: string, limit: number): void {
  for (const t of fromInbox(limit)) log.push(name + " sum " + t);
  log.push(name + " done");
}

export function stepper(name: string, gen: Generator<number, string, string>): void {
  let r = gen.next("go");
  while (!r.done) {
    log.push(name + " step " + r.value);
    r = gen.next(r.value > 5 ? "stop" : "go");
  }
  log.push(name + " result " + r.value);
}

export function* spin(n: number) {
  yield n;
  for (;;) {}
}

export function runaway(): void {
  const g = spin(1);
  log.push("first " + g.next().value);
  g.next();
  log.push("never");
}

export function* innerWait() {
  try {
    yield 1;
  } finally {
    log.push("inner closing");
    log.push("got " + inbox.receive());   // a switch in a finally that return() runs
  }
}

export function* outerDelegates() {
  yield* innerWait();
}

export function closer(): void {
  const g = outerDelegates();
  g.next();
  const r = g.return(7);
  log.push("returned " + r.value + " " + r.done);
}

export function* callsBack(probe: () => string) {
  yield probe();
}

export function* natural() {
  let n = 0;
  for (;;) yield n++;
}

export function holdAndWait(g: Generator<number>): void {
  log.push(String(g.next().value));
  log.push(String(inbox.receive()));  // the generator, suspended at a yield, is in a slot
  log.push(String(g.next().value), String(g.next().value));
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

describe("compiled generators in tasklets", () => {
  it("a channel receive inside a generator body driven by a for-of switches softly", () => {
    const t = new Tasklet(m.consume).setup("a", 3);
    run();
    // Blocked inside the body: a soft switch leaves the tasklet restorable, no plain segment.
    expect(t.blocked).toBe(true);
    expect(t.restorable).toBe(true);
    expect(t.nestingLevel).toBe(0);
    expect(t.frame?.functionName).toBe("fromInbox");
    for (const v of [1, 2, 3]) m.inbox.send(v);
    run();
    expect(m.log).toEqual(["a sum 1", "a sum 3", "a sum 6", "fromInbox finally 6", "a done"]);
    // Each time the body resumed after its receive it was running softly.
    expect(m.seen).toEqual([true, 0, true, 0, true, 0]);
  });

  it("the restored copy finishes exactly as the original would", () => {
    const t = new Tasklet(m.consume).setup("c", 3);
    run();
    m.inbox.send(10);
    run();
    expect(m.log.splice(0)).toEqual(["c sum 10"]);
    const bytes = pickle(t);
    // The original goes on…
    m.inbox.send(20);
    m.inbox.send(30);
    run();
    const original = m.log.splice(0);
    // …and so does the copy, from the snapshot.
    unpickle(bytes); // blocked again on the inbox (a module-level channel, by reference)
    m.inbox.send(20);
    m.inbox.send(30);
    run();
    expect(m.log).toEqual(original);
    expect(original).toEqual(["c sum 30", "c sum 60", "fromInbox finally 60", "c done"]);
  });

  it("a generator suspended at a yield (between next() calls) pickles with its tasklet", () => {
    const g = m.natural();
    g.next(); // 0
    const t = new Tasklet(m.holdAndWait).setup(g);
    run(); // logs 1, then waits on the inbox with g in a frame slot
    const bytes = pickle(t);
    t.kill();
    const copy = unpickle(bytes) as Tasklet;
    expect(copy.blocked).toBe(true);
    m.inbox.send(100);
    run();
    expect(m.log).toEqual(["1", "100", "2", "3"]);
    // The copy drove its own generator: the original stays where it was.
    expect(g.next().value).toBe(2);
  });

  it("return() reaches the body softly and runs its finally", () => {
    const g = m.fromInbox(5);
    const t = new Tasklet(m.stepper).setup("s", g);
    run();
    for (const v of [2, 3, 4]) {
      m.inbox.send(v);
      run();
    }
    expect(m.log).toEqual(["s step 2", "s step 5", "s step 9", "fromInbox finally 9", "s result stopped at 9"]);
    expect(t.alive).toBe(false);
  });

  it("return() forwarded by yield* runs the delegate's finally softly, even when it switches", () => {
    const t = new Tasklet(m.closer).setup();
    run();
    expect(m.log).toEqual(["inner closing"]);
    expect(t.blocked).toBe(true);
    expect(t.restorable).toBe(true);
    expect(t.nestingLevel).toBe(0);
    m.inbox.send(5);
    run();
    expect(m.log).toEqual(["inner closing", "got 5", "returned 7 true"]);
  });

  // Hard mode (STACKLESS_HARD=1) spends every tick on unwinding: the watchdog never sees one.
  it.skipIf(process.env.STACKLESS_HARD === "1")("a runaway loop inside a generator body is interrupted by run(timeout)", () => {
    const t = new Tasklet(m.runaway).setup();
    const interrupted = run(10_000);
    expect(interrupted).toBe(t);
    expect(t.alive).toBe(true);
    expect(t.restorable).toBe(true);
    expect(m.log).toEqual(["first 1"]);
    t.kill();
  });

  it("a generator that plain code is running (native driver) refuses to pickle, naming why", () => {
    let it: Generator<string> | null = null;
    const probe = (): string => {
      try {
        pickle(it);
        return "pickled";
      } catch (e) {
        return `${(e as Error).name}: ${(e as Error).message}`;
      }
    };
    it = m.callsBack(probe) as Generator<string>;
    const [first] = Array.from(it);
    expect(first).toMatch(/^PickleError: .*a generator running in plain code/);
  });

  it("the generator itself pickles on its own: suspended, fresh and finished", () => {
    const g = m.natural();
    g.next();
    g.next(); // at 1
    const h = unpickle(pickle(g)) as Generator<number>;
    // (booleans: a failing expect would print the generators, iterating them for ever)
    expect(h === g).toBe(false);
    expect(Object.getPrototypeOf(h) === m.natural.prototype).toBe(true);
    expect(h instanceof m.natural).toBe(true);
    expect(Object.prototype.toString.call(h)).toBe("[object Generator]");
    expect([h.next().value, h.next().value]).toEqual([2, 3]);
    expect(g.next().value).toBe(2); // the original is independent
    const fresh = m.fromInbox(1);
    const f2 = unpickle(pickle(fresh)) as Generator<number, string, string>;
    expect(f2.return("x")).toEqual({ value: "x", done: true });
    const done = m.natural();
    done.return(0);
    const d2 = unpickle(pickle(done)) as Generator<number>;
    expect(d2.next()).toEqual({ value: undefined, done: true });
  });
});

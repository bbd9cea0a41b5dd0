// Tasklet life cycle (STACKLESS-SEMANTICS.md 11-14), ported from stackless-testsuite
// v3_1/tasklet/test_functionality.py: every flag in every state. Plain-code tasklets
// switch hard, so a plain tasklet's own `restorable` while current is false (its plain
// frames cannot be saved); the suite's soft-switching Stackless says true there. Those
// checks use soft (hand-compiled) tasklets from ./helpers/script.ts instead.
import { describe, it, expect } from "vitest";
import { Tasklet, Channel, run, schedule, scheduleRemove, getCurrent, getMain, getRunCount, RuntimeError, TaskletExit } from "stackless-ts";
import { script, call, plain, softTasklet } from "./helpers/script.js";

const nop = () => {};

interface Flags {
  alive?: boolean;
  paused?: boolean;
  blocked?: boolean;
  scheduled?: boolean;
  restorable?: boolean | "ignore";
  atomic?: boolean;
  blockTrap?: boolean;
  ignoreNesting?: boolean;
  isCurrent?: boolean;
  isMain?: boolean;
}

/** check_tasklet_flags of the suite: every flag not given must be false. */
function flagsOf(t: Tasklet, expected: Flags): Record<string, boolean> {
  const names = ["alive", "paused", "blocked", "scheduled", "restorable", "atomic", "blockTrap", "ignoreNesting", "isCurrent", "isMain"] as const;
  const out: Record<string, boolean> = {};
  for (const n of names) if (expected[n] !== "ignore") out[n] = t[n];
  return out;
}
function expectFlags(t: Tasklet, expected: Flags): void {
  const want: Record<string, boolean> = {};
  for (const n of ["alive", "paused", "blocked", "scheduled", "restorable", "atomic", "blockTrap", "ignoreNesting", "isCurrent", "isMain"] as const) {
    const v = expected[n];
    if (v !== "ignore") want[n] = v ?? false;
  }
  expect(flagsOf(t, expected)).toEqual(want);
}
const notAlive = (t: Tasklet, tempval: unknown = undefined) => {
  expectFlags(t, { restorable: true });
  expect(t.tempval).toBe(tempval);
};
const bound = (t: Tasklet, fn: unknown) => notAlive(t, fn);
const scheduledState = (t: Tasklet, more: Flags = {}) => expectFlags(t, { alive: true, scheduled: true, restorable: true, ...more });
const pausedState = (t: Tasklet, more: Flags = {}) => expectFlags(t, { alive: true, paused: true, restorable: true, ...more });

describe("tasklet life cycle (test_functionality)", () => {
  it("initial: not alive; tasklet(f) is bound with tempval f", () => {
    notAlive(new Tasklet());
    bound(new Tasklet(nop), nop);
    const t = new Tasklet();
    t.bind(nop);
    bound(t, nop);
  });

  it("bound -> not alive by bind(null) and bind()", () => {
    const t = new Tasklet(nop);
    t.bind(null);
    notAlive(t);
    const u = new Tasklet(nop);
    u.bind();
    notAlive(u);
  });

  it("bound -> scheduled by setup(); tempval cleared; prev/next are main", () => {
    const t = new Tasklet(nop).setup();
    scheduledState(t);
    expect(t.tempval).toBeUndefined();
    expect(t.prev).toBe(getMain());
    expect(t.next).toBe(getMain());
    const t2 = new Tasklet(nop).setup();
    expect(t.next).toBe(t2);
    expect(t2.prev).toBe(t);
    expect(t2.next).toBe(getCurrent());
    t.kill();
    t2.kill();
  });

  it("not scheduled: next and prev are null", () => {
    const t = new Tasklet(nop);
    expect([t.next, t.prev]).toEqual([null, null]);
    t.bind(null, []);
    expect([t.next, t.prev]).toEqual([null, null]);
  });

  it("scheduled -> paused by remove(); paused -> scheduled by insert()", () => {
    const t = new Tasklet(nop).setup();
    expect(t.remove()).toBe(t);
    pausedState(t);
    expect(t.insert()).toBe(t);
    scheduledState(t);
    t.kill();
  });

  it("scheduled -> not alive by kill() (never started: just dies)", () => {
    let ran = false;
    const t = new Tasklet(() => (ran = true)).setup();
    t.kill();
    notAlive(t);
    run();
    expect(ran).toBe(false);
  });

  it("not alive -> paused by bind(f, args); bind(null, args) keeps the function", () => {
    const t = new Tasklet().bind(nop, []);
    pausedState(t);
    const got: unknown[] = [];
    const u = new Tasklet((...a: unknown[]) => got.push(a));
    u.bind(null, [1, 2]);
    pausedState(u);
    u.insert();
    run();
    expect(got).toEqual([[1, 2]]);
  });

  it("paused -> scheduled by kill({ pending: true })", () => {
    const t = new Tasklet().bind(nop, []);
    t.kill({ pending: true });
    expectFlags(t, { alive: true, scheduled: true, restorable: true });
    run();
    notAlive(t);
  });

  it("paused -> not alive by bind(), bind(null) and kill()", () => {
    for (const change of [(t: Tasklet) => t.bind(), (t: Tasklet) => t.bind(null), (t: Tasklet) => t.kill()]) {
      const t = new Tasklet().bind(nop, []);
      change(t);
      notAlive(t);
    }
  });

  it("paused -> current -> not alive by run() (main stays scheduled) and switch() (main paused)", () => {
    const seen: Record<string, boolean>[] = [];
    const main = getCurrent();
    const t = new Tasklet(() => {
      seen.push(flagsOf(t, {}), flagsOf(main, { restorable: "ignore" }));
    });
    t.bind(null, []);
    t.run();
    notAlive(t);
    expect(seen[0]).toMatchObject({ alive: true, isCurrent: true, scheduled: true, paused: false });
    expect(seen[1]).toMatchObject({ alive: true, isMain: true, scheduled: true, paused: false, isCurrent: false });
  });

  it("scheduled -> current -> not alive through run(): main inside run() is paused", () => {
    let mainFlags: Record<string, boolean> = {};
    const main = getCurrent();
    const t = new Tasklet(() => {
      mainFlags = flagsOf(main, { restorable: "ignore" });
    }).setup();
    run();
    notAlive(t);
    expect(mainFlags).toMatchObject({ alive: true, paused: true, scheduled: false, isMain: true, isCurrent: false });
  });

  it("current -> not alive by killing itself", () => {
    const log: string[] = [];
    const t = new Tasklet(() => {
      log.push("in");
      t.kill();
      log.push("not reached");
    }).setup();
    t.run();
    expect(log).toEqual(["in"]);
    notAlive(t);
  });

  it("a soft current tasklet is restorable; a plain (hard) one is not", () => {
    const seen: boolean[] = [];
    const s = softTasklet([plain(() => seen.push(s.restorable))]);
    const p = new Tasklet(() => seen.push(p.restorable)).setup();
    run();
    expect(seen).toEqual([true, false]);
    expect([s.restorable, p.restorable]).toEqual([true, true]); // dead: restorable
  });

  it("current -> blocked -> scheduled (soft sender; main receives)", () => {
    const c = new Channel<number>();
    const t = softTasklet([call(Channel.prototype.send, c, 123)]);
    t.run();
    expectFlags(t, { alive: true, scheduled: true, blocked: true, restorable: true });
    expect(c.receive()).toBe(123);
    scheduledState(t);
    t.kill();
    notAlive(t);
  });

  it("blocked -> current (soft receiver; main sends; preference -1 runs the receiver first)", () => {
    const c = new Channel<number>();
    const result: number[] = [];
    const t = softTasklet([{ fn: Channel.prototype.receive, self: c, then: (v) => result.push(v as number, 0) }]);
    t.run();
    expectFlags(t, { alive: true, scheduled: true, blocked: true, restorable: true });
    expect(t.tempval).toBeUndefined();
    c.send(123);
    result.push(1);
    expect(result).toEqual([123, 0, 1]);
    notAlive(t);
  });

  it("blocked -> current with preference 1 (soft sender; main receives: the sender runs first)", () => {
    const c = new Channel<number>();
    c.preference = 1;
    const result: number[] = [];
    const t = softTasklet([{ fn: Channel.prototype.send, self: c, args: [123], then: () => result.push(0) }]);
    t.run();
    expect(c.receive()).toBe(123);
    result.push(1);
    expect(result).toEqual([0, 1]);
    notAlive(t);
  });

  it("bind() on a scheduled tasklet: RuntimeError 'tasklet is scheduled'", () => {
    const t = new Tasklet(nop).setup();
    expect(() => t.bind()).toThrow(RuntimeError);
    expect(() => t.bind(null)).toThrow(/tasklet is scheduled/);
    t.kill();
  });

  it("kill() of a soft-blocked tasklet is synchronous: its catch runs before kill() returns", () => {
    const c = new Channel();
    const log: string[] = [];
    const t = softTasklet([{ fn: Channel.prototype.receive, self: c, catch: (e) => log.push(e instanceof TaskletExit ? "exit" : String(e)) }]);
    run();
    expect(c.balance).toBe(-1);
    t.kill();
    log.push("after kill");
    expect(log).toEqual(["exit", "after kill"]);
    expect(c.balance).toBe(0);
    notAlive(t);
  });

  it("kill() called directly from tasklet code soft-switches the killer (it stays restorable)", () => {
    const c = new Channel();
    let killerRestorable: boolean | null = null;
    let killerNesting = -1;
    const victim = new Tasklet(script);
    const killer = new Tasklet(script);
    victim.setup([{ fn: Channel.prototype.receive, self: c, catch: () => ((killerRestorable = killer.restorable), (killerNesting = killer.nestingLevel)) }]);
    killer.setup([call(Tasklet.prototype.kill, victim)]);
    run();
    expect(victim.alive).toBe(false);
    expect(killer.alive).toBe(false);
    expect([killerRestorable, killerNesting]).toEqual([true, 0]);
  });

  it("raiseException() called directly from tasklet code soft-switches the caller", () => {
    class Boom extends Error {}
    let callerRestorable: boolean | null = null;
    let got: unknown;
    const target = new Tasklet(script);
    const caller = new Tasklet(script);
    target.setup([{ fn: scheduleRemove, catch: (e: unknown) => ((got = e), (callerRestorable = caller.restorable)) }]);
    caller.setup([plain(() => undefined), call(Tasklet.prototype.raiseException, target, Boom, "x")]);
    run();
    expect(got).toBeInstanceOf(Boom);
    expect((got as Error).message).toBe("x");
    expect(callerRestorable).toBe(true);
  });

  it("kill() of a dead tasklet does nothing; throw() into a dead one is a RuntimeError, except TaskletExit", () => {
    const t = new Tasklet(nop).setup();
    run();
    expect(t.kill()).toBeUndefined();
    expect(() => t.throw(new Error("x"))).toThrow(RuntimeError);
    expect(() => t.raiseException(Error, "x")).toThrow(RuntimeError);
    expect(() => t.throw(new TaskletExit())).not.toThrow();
  });
});

describe("run(), switch(), schedule() orderings (13, 14)", () => {
  it("queue [a, b, c], main does c.run(): order c, main, a, b", () => {
    const log: string[] = [];
    const [a, b, c] = ["a", "b", "c"].map((n) => new Tasklet(() => log.push(n)).setup());
    c!.run();
    log.push("main");
    run();
    expect(log).toEqual(["c", "main", "a", "b"]);
    expect([a!.alive, b!.alive]).toEqual([false, false]);
  });

  it("run() and switch() return the caller's tempval at resume time", () => {
    const o = {};
    const main = getCurrent();
    const t = new Tasklet(nop).setup();
    main.tempval = o;
    expect(t.run()).toBe(o);
    // switch() pauses main; the soft tasklet switches back to it and is paused in turn.
    const u = softTasklet([call(Tasklet.prototype.switch, main)]);
    main.tempval = o;
    expect(u.switch()).toBe(o);
    expect(main.scheduled).toBe(true);
    expectFlags(u, { alive: true, paused: true, restorable: true });
    u.kill();
  });

  // Regression: this used to fail (found by the semantics port; fixed in the runtime).
  it("switch() from main to a tasklet that ends: main resumes normally (test_functionality testLC_paused_current_notalive)", () => {
    const t = new Tasklet(nop).bind(null, []);
    getCurrent().tempval = "o";
    expect(t.switch()).toBe("o");
    notAlive(t);
  });

  it("scheduleRemove() by main while another tasklet runs and ends: main resumes with its value", () => {
    new Tasklet(nop).setup();
    expect(scheduleRemove("v")).toBe("v");
  });

  it("schedule(x) returns x; schedule() returns the current tasklet", () => {
    new Tasklet(nop).setup();
    expect(schedule("x")).toBe("x");
    new Tasklet(nop).setup();
    expect(schedule()).toBe(getCurrent());
    expect(schedule(undefined)).toBeUndefined();
  });

  it("schedule(x) returns what someone stored in tempval before insert()", () => {
    const main = getCurrent();
    const t = softTasklet([
      { fn: scheduleRemove, args: ["x"], then: (v) => (got = v) },
    ]);
    let got: unknown;
    run(); // t removes itself
    expect(t.paused).toBe(true);
    t.tempval = "y";
    t.insert();
    run();
    expect(got).toBe("y");
    expect(main.isCurrent).toBe(true);
  });

  it("getRunCount() counts the current tasklet (>= 1)", () => {
    expect(getRunCount()).toBe(1);
    const t = new Tasklet(nop).setup();
    expect(getRunCount()).toBe(2);
    t.remove();
    expect(getRunCount()).toBe(1);
    t.insert();
    run();
    expect(getRunCount()).toBe(1);
  });

  it("scheduleRemove() by main with nothing else runnable returns its value at once (Stackless revives main)", () => {
    expect(scheduleRemove("v")).toBe("v");
    expect(getMain().scheduled).toBe(true);
    expect(getRunCount()).toBe(1);
  });

  it("scheduleRemove() by a soft tasklet: it leaves the queue and comes back after insert()", () => {
    const log: unknown[] = [];
    const t = softTasklet([{ fn: scheduleRemove, args: [7], then: (v) => log.push(v) }]);
    run();
    expect(log).toEqual([]);
    expect(t.paused).toBe(true);
    expect(getRunCount()).toBe(1);
    t.insert();
    run();
    expect(log).toEqual([7]);
  });
});

// The runtime driven by plain (uncompiled) code: every switch is hard (DESIGN.md
// "Nesting"). Orderings here follow Stackless wherever LIFO allows.
import { describe, it, expect } from "vitest";
import { Tasklet, Channel, run, schedule, getCurrent, getMain, getRunCount, getCurrentId, RuntimeError } from "stackless-ts";

describe("plain-code tasklets", () => {
  it("run() runs tasklets in insertion order and returns when none is runnable", () => {
    const out: string[] = [];
    new Tasklet((x: string) => out.push(x)).setup("a");
    new Tasklet((x: string) => out.push(x)).setup("b");
    expect(getRunCount()).toBe(3);
    run();
    expect(out).toEqual(["a", "b"]);
    expect(getRunCount()).toBe(1);
    expect(getCurrent()).toBe(getMain());
  });

  it("main receives from a tasklet: main blocks hard and the sender runs on top", () => {
    const ch = new Channel<number>();
    new Tasklet(() => ch.send(42)).setup();
    expect(ch.receive()).toBe(42);
    expect(ch.balance).toBe(0);
  });

  it("a plain tasklet that blocks as the last runnable one under run() gets a RuntimeError naming the cause", () => {
    const ch = new Channel<string>();
    let caught: unknown;
    const r = new Tasklet(() => { try { ch.receive(); } catch (e) { caught = e; } }).setup();
    run();
    expect(caught).toBeInstanceOf(RuntimeError);
    expect(String(caught)).toMatch(new RegExp(`tasklet ${r.id} cannot wait on channel ${ch.id}: it blocked from plain code`));
    expect(ch.balance).toBe(0);
    expect(r.alive).toBe(false);
  });

  it("deadlock in main is a RuntimeError, and the scheduler stays usable", () => {
    const ch = new Channel();
    expect(() => ch.receive()).toThrow(RuntimeError);
    expect(() => ch.receive()).toThrow(/Deadlock/);
    expect(ch.balance).toBe(0);
    const got: unknown[] = [];
    new Tasklet(() => got.push(1)).setup();
    run();
    expect(got).toEqual([1]);
  });

  it("an uncaught error of a tasklet is raised out of run(); the others stay queued", () => {
    const out: string[] = [];
    new Tasklet(() => { throw new Error("boom"); }).setup();
    new Tasklet(() => out.push("second")).setup();
    expect(() => run()).toThrow("boom");
    expect(out).toEqual([]);
    run();
    expect(out).toEqual(["second"]);
  });

  it("schedule() from main alternates with a tasklet", () => {
    const out: string[] = [];
    new Tasklet(() => { out.push("t1"); }).setup();
    out.push("m1");
    schedule();
    out.push("m2");
    expect(out).toEqual(["m1", "t1", "m2"]);
    expect(getCurrentId()).toBe(getMain().id);
  });

  it("kill of a never-started tasklet: it just dies", () => {
    let ran = false;
    const t = new Tasklet(() => { ran = true; }).setup();
    t.kill();
    expect(t.alive).toBe(false);
    run();
    expect(ran).toBe(false);
  });

  it("state flags through a tasklet's life", () => {
    const f = () => 1;
    const t = new Tasklet(f);
    expect([t.alive, t.scheduled, t.paused, t.tempval === f]).toEqual([false, false, false, true]);
    t.bind(null, []);
    expect([t.alive, t.scheduled, t.paused]).toEqual([true, false, true]);
    t.insert();
    expect([t.alive, t.scheduled, t.paused]).toEqual([true, true, false]);
    expect(() => t.bind(f)).toThrow(RuntimeError);
    run();
    expect([t.alive, t.scheduled, t.paused]).toEqual([false, false, false]);
    expect(() => t.insert()).toThrow(/dead tasklet/);
  });

  it("many plain tasklets blocking hard get a clear RuntimeError, and the scheduler stays usable", () => {
  const errors: unknown[] = [];
  const chans: Channel<number>[] = [];
  for (let i = 0; i < 2000; i++) {
    const ch = new Channel<number>();
    chans.push(ch);
    new Tasklet(() => { try { ch.receive(); } catch (e) { errors.push(e); } }).setup();
  }
  run();
  expect(errors.length).toBeGreaterThan(0);
  expect(String(errors[0])).toMatch(/already suspended in plain code/);
  expect(getRunCount()).toBe(1);
  expect(chans.every((c) => c.balance === 0)).toBe(true);
});
});

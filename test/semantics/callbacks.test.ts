// Monitoring hooks: setScheduleCallback / setScheduleFastCallback / setChannelCallback
// (Stackless/unittests/test_schedule_callback.py style), and nested run() (15).
import { describe, it, expect, afterEach } from "vitest";
import { Tasklet, Channel, run, schedule, getMain, getCurrent, getRunCount, setScheduleCallback, setScheduleFastCallback, setChannelCallback, type Tasklet as T } from "stackless-ts";
import { call, plain, softTasklet } from "./helpers/script.js";

const nop = () => {};
const name = (t: T | null, names: Map<T, string>) => (t === null ? "None" : (names.get(t) ?? `t${t.id}`));

afterEach(() => {
  setScheduleCallback(null);
  setScheduleFastCallback(null);
  setChannelCallback(null);
});

describe("setScheduleCallback", () => {
  it("returns the previous callback; null removes it", () => {
    const a = () => {};
    const b = () => {};
    expect(setScheduleCallback(a)).toBeNull();
    expect(setScheduleCallback(b)).toBe(a);
    expect(setScheduleCallback(null)).toBe(b);
    expect(() => setScheduleCallback(42 as never)).toThrow(TypeError);
  });

  it("cb(from, to) at every switch: run() of two tasklets; a dying tasklet is `from` of the next switch (3.7)", () => {
    const names = new Map<T, string>([[getMain(), "main"]]);
    const log: string[] = [];
    const a = new Tasklet(nop).setup();
    const b = new Tasklet(nop).setup();
    names.set(a, "a").set(b, "b");
    setScheduleCallback((from, to) => log.push(`${name(from, names)}->${name(to, names)}`));
    run();
    expect(log).toEqual(["main->a", "a->b", "b->main"]);
  });

  it("soft tasklets yielding with schedule(): one callback per switch, in order", () => {
    const names = new Map<T, string>([[getMain(), "main"]]);
    const log: string[] = [];
    const a = softTasklet([call(schedule), plain(nop)]);
    const b = softTasklet([call(schedule), plain(nop)]);
    names.set(a, "a").set(b, "b");
    setScheduleCallback((from, to) => log.push(`${name(from, names)}->${name(to, names)}`));
    run();
    expect(log).toEqual(["main->a", "a->b", "b->a", "a->b", "b->main"]);
  });

  it("during the callback, the switch has not happened for the scheduler's bookkeeping: runcount is stable", () => {
    const counts: number[] = [];
    new Tasklet(nop).setup();
    setScheduleCallback(() => counts.push(getRunCount()));
    run();
    expect(counts.length).toBe(2);
    expect(getRunCount()).toBe(1);
  });

  it("setScheduleFastCallback: the same arguments", () => {
    const log: unknown[] = [];
    const t = new Tasklet(nop).setup();
    setScheduleFastCallback((from, to) => log.push([from, to]));
    run();
    expect(log).toEqual([[getMain(), t], [t, getMain()]]);
  });

  it("a callback that throws does not corrupt the scheduler: every tasklet still runs once, the queue is consistent", () => {
    const ran: string[] = [];
    new Tasklet(() => ran.push("a")).setup();
    new Tasklet(() => ran.push("b")).setup();
    let calls = 0;
    setScheduleCallback(() => {
      calls++;
      if (calls === 1) throw new Error("hook failed");
    });
    let error: unknown;
    for (let i = 0; i < 3 && ran.length < 2; i++) {
      try {
        run();
      } catch (e) {
        error = e;
      }
    }
    setScheduleCallback(null);
    expect(ran).toEqual(["a", "b"]);
    expect(error).toBeUndefined(); // Stackless 3.7: printed as unraisable, not raised (test_defects TestExceptionInScheduleCallback)
    expect(getRunCount()).toBe(1);
    expect(getCurrent()).toBe(getMain());
    const after: string[] = [];
    new Tasklet(() => after.push("c")).setup();
    run();
    expect(after).toEqual(["c"]);
  });
});

describe("setChannelCallback", () => {
  it("cb(channel, tasklet, isSend, willBlock) on every send and receive; returns the previous one", () => {
    const ch = new Channel();
    const log: unknown[] = [];
    const cb = (c: Channel<unknown>, t: T, isSend: boolean, willBlock: boolean) => log.push([c === ch, t, isSend, willBlock]);
    expect(setChannelCallback(cb)).toBeNull();
    const r = softTasklet([call(Channel.prototype.receive, ch)]);
    run(); // r blocks: willBlock
    ch.send(1); // a receiver waits: does not block
    expect(setChannelCallback(null)).toBe(cb);
    expect(log).toEqual([
      [true, r, false, true],
      [true, getMain(), true, false],
    ]);
  });

  it("a channel callback that throws does not break the channel", () => {
    const ch = new Channel<number>();
    setChannelCallback(() => {
      throw new Error("channel hook failed");
    });
    softTasklet([call(Channel.prototype.send, ch, 9)]);
    let error: unknown;
    try {
      run();
    } catch (e) {
      error = e;
    }
    setChannelCallback(null);
    expect(String(error)).toMatch(/channel hook failed/); // reported to main
    expect(ch.balance).toBe(1);
    expect(ch.receive()).toBe(9);
    run();
    expect(ch.balance).toBe(0);
  });
});

describe("nested run() (15)", () => {
  it("a tasklet may call run(): the innermost returns when the queue empties, then the caller goes on", () => {
    const log: string[] = [];
    softTasklet([plain(() => log.push("w-start")), call(run), plain(() => log.push("w-end"))]);
    new Tasklet(() => log.push("a")).setup();
    new Tasklet(() => log.push("b")).setup();
    run();
    expect(log).toEqual(["w-start", "a", "b", "w-end"]);
  });

  it("main is paused (not scheduled) inside run()", () => {
    const main = getMain();
    let flags: boolean[] = [];
    new Tasklet(() => (flags = [main.paused, main.scheduled, main.alive])).setup();
    run();
    expect(flags).toEqual([true, false, true]);
    expect([main.paused, main.scheduled]).toEqual([false, true]);
  });
});

// Tasklets and the event loop: sleep, wait(promise), runAsync, sendAsync/receiveAsync.
import { describe, it, expect } from "vitest";
import { Tasklet, Channel, run, runAsync, sleep, wait, RuntimeError } from "stackless-ts";
import { softCall, soft } from "../helpers/soft.js";

describe("events", () => {
  it("main sleeping in plain code lets other tasklets run and wakes at the deadline", () => {
    const t0 = Date.now();
    const log: string[] = [];
    new Tasklet(() => log.push("other")).setup();
    sleep(30);
    log.push("main woke");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(29);
    expect(log).toEqual(["other", "main woke"]);
  });

  it("sendAsync from plain code feeds a tasklet; runAsync resolves when all are done", async () => {
    const ch = new Channel<number>();
    const got: number[] = [];
    const p1 = ch.sendAsync(1);
    const p2 = ch.sendAsync(2);
    expect(ch.balance).toBe(0); // helper tasklets not started yet: nothing waits
    new Tasklet(() => { got.push(ch.receive()); }).setup();
    await runAsync();
    expect(got.length).toBe(1);
    const r = ch.receiveAsync();
    await runAsync();
    await expect(Promise.all([p1, p2])).resolves.toEqual([undefined, undefined]);
    expect([got[0], await r].sort()).toEqual([1, 2]);
  });

  it("receiveAsync resolves with what a tasklet sends, and rejects on a closed channel", async () => {
    const ch = new Channel<string>();
    const p = ch.receiveAsync();
    new Tasklet(() => ch.send("hello")).setup();
    await runAsync();
    await expect(p).resolves.toBe("hello");
    ch.close();
    const q = ch.receiveAsync();
    await runAsync();
    await expect(q).rejects.toThrow(/closed channel/);
  });

  it("a tasklet waiting on a promise gets its value; a rejection is thrown at the wait", async () => {
    const log: unknown[] = [];
    new Tasklet(softCall as never).setup(...soft(wait, [Promise.resolve(7)], log));
    new Tasklet(softCall as never).setup(...soft(wait, [Promise.reject(new Error("nope"))], log));
    await runAsync();
    expect(log.sort()).toEqual([7, "threw nope"]);
  });

  it("soft sleepers wake in deadline order under runAsync", async () => {
    const log: unknown[] = [];
    new Tasklet(softCall as never).setup(...soft(sleep, [40], log));
    new Tasklet(softCall as never).setup(...soft(() => "no sleep", [], log));
    new Tasklet(softCall as never).setup(...soft(sleep, [10], log));
    const t0 = Date.now();
    await runAsync();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(39);
    expect(log).toEqual(["no sleep", undefined, undefined]);
  });

  it("main blocking in plain code while only promise waits remain is a RuntimeError telling to use runAsync", () => {
    const ch = new Channel();
    const t = new Tasklet(softCall as never).setup(...soft(wait, [new Promise(() => {})], []));
    run();
    expect(t.blocked).toBe(true);
    expect(() => ch.receive()).toThrow(/runAsync/);
    t.kill();
    expect(t.alive).toBe(false);
  });
});

describe("errors of plain code while runAsync waits", () => {
  it("an error thrown by a timer callback rejects runAsync (it reaches main), and the scheduler stays usable", async () => {
    const log: unknown[] = [];
    new Tasklet(softCall as never).setup(...soft(sleep, [30], log));
    setTimeout(() => {
      throw new Error("from a timer");
    }, 5);
    await expect(runAsync()).rejects.toThrow("from a timer");
    await runAsync();
    expect(log).toEqual([undefined]);
  });

  it("an unhandled rejection rejects runAsync", async () => {
    const log: unknown[] = [];
    new Tasklet(softCall as never).setup(...soft(sleep, [30], log));
    setTimeout(() => void Promise.reject(new RangeError("nobody caught me")), 5);
    await expect(runAsync()).rejects.toThrow(RangeError);
    await runAsync();
    expect(log).toEqual([undefined]);
  });
});

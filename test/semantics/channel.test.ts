// Channels (STACKLESS-SEMANTICS.md 1-7), ported from Stackless/unittests/test_channel.py
// and stackless-testsuite v3_1/channel. Blocked tasklets other than main are soft
// (hand-compiled, ./helpers/script.ts); main and short tasklets that never block are
// plain, which keeps every ordering LIFO-compatible (see test/runtime/plain.test.ts).
import { describe, it, expect } from "vitest";
import { Tasklet, Channel, channel, run, getCurrent, getRunCount, RuntimeError, ChannelClosedError, StopIteration, TaskletExit } from "stackless-ts";
import { call, plain, softTasklet } from "./helpers/script.js";

const nop = () => {};

/** A soft tasklet blocked on `ch.receive()`, logging "R-got <v>" when it gets a value. */
function blockedReceiver(ch: Channel<unknown>, log: unknown[]): Tasklet {
  const t = softTasklet([{ fn: Channel.prototype.receive, self: ch, then: (v) => log.push(`R-got ${String(v)}`), catch: (e) => log.push(`R-threw ${(e as Error).name}`) }]);
  run();
  expect(t.blocked).toBe(true);
  return t;
}

/** A soft tasklet blocked on `ch.send(v)`, logging "S-after-send" when taken. */
function blockedSender(ch: Channel<unknown>, v: unknown, log: unknown[]): Tasklet {
  const t = softTasklet([{ fn: Channel.prototype.send, self: ch, args: [v], then: () => log.push("S-after-send") }]);
  run();
  expect(t.blocked).toBe(true);
  return t;
}

describe("preference (1): who runs after a rendezvous", () => {
  // The probe of STACKLESS-SEMANTICS.md 1: main sends to a blocked R while B is runnable.
  for (const [pref, order] of [
    [-1, ["R-got 5", "B", "main-after-send"]],
    [0, ["main-after-send", "B", "R-got 5"]],
    [1, ["main-after-send", "B", "R-got 5"]],
  ] as const) {
    it(`send with preference ${pref}: ${order.join(", ")}`, () => {
      const ch = new Channel();
      ch.preference = pref;
      const log: unknown[] = [];
      blockedReceiver(ch, log);
      new Tasklet(() => log.push("B")).setup();
      ch.send(5);
      log.push("main-after-send");
      run();
      expect(log).toEqual(order);
    });
  }

  // The mirror probe: main receives from a blocked S while B is runnable.
  for (const [pref, order] of [
    [-1, ["main-after-receive", "B", "S-after-send"]],
    [0, ["main-after-receive", "B", "S-after-send"]],
    [1, ["S-after-send", "B", "main-after-receive"]],
  ] as const) {
    it(`receive with preference ${pref}: ${order.join(", ")}`, () => {
      const ch = new Channel();
      ch.preference = pref;
      const log: unknown[] = [];
      blockedSender(ch, 7, log);
      new Tasklet(() => log.push("B")).setup();
      expect(ch.receive()).toBe(7);
      log.push("main-after-receive");
      run();
      expect(log).toEqual(order);
    });
  }

  it("scheduleAll: the woken tasklet goes last and the caller yields (B, R, main)", () => {
    const ch = new Channel();
    ch.scheduleAll = true;
    const log: unknown[] = [];
    blockedReceiver(ch, log);
    new Tasklet(() => log.push("B")).setup();
    ch.send(5);
    log.push("main-after-send");
    expect(log).toEqual(["B", "R-got 5", "main-after-send"]);
  });

  it("between two soft tasklets too: preference -1 switches to the receiver at once", () => {
    const ch = new Channel();
    const log: unknown[] = [];
    blockedReceiver(ch, log);
    softTasklet([call(Channel.prototype.send, ch, 1), plain(() => log.push("S-after-send"))]);
    new Tasklet(() => log.push("B")).setup();
    run();
    expect(log).toEqual(["R-got 1", "B", "S-after-send"]);
  });

  it("a tasklet that has to block always blocks, whatever the preference (4)", () => {
    for (const pref of [-1, 0, 1]) {
      const ch = new Channel();
      ch.preference = pref;
      const t = softTasklet([call(Channel.prototype.send, ch, 1)]);
      run();
      expect([t.blocked, t.scheduled, t.next, getRunCount()]).toEqual([true, true, null, 1]);
      t.kill();
    }
  });
});

describe("setters (2)", () => {
  it("preference normalises 2 -> 1, -2 -> -1, true -> 1; a float is a TypeError", () => {
    const ch = new Channel();
    expect(ch.preference).toBe(-1);
    ch.preference = 2;
    expect(ch.preference).toBe(1);
    ch.preference = -2;
    expect(ch.preference).toBe(-1);
    ch.preference = true as unknown as number;
    expect(ch.preference).toBe(1);
    expect(() => (ch.preference = 1.5)).toThrow(TypeError);
    expect(() => (ch.preference = 1.5)).toThrow(/must be set to an integer/);
    expect(ch.preference).toBe(1);
  });

  it("scheduleAll: -1 and 2 become true; a float is a TypeError", () => {
    const ch = new Channel();
    expect(ch.scheduleAll).toBe(false);
    ch.scheduleAll = -1;
    expect(ch.scheduleAll).toBe(true);
    ch.scheduleAll = 0;
    ch.scheduleAll = 2;
    expect(ch.scheduleAll).toBe(true);
    expect(() => (ch.scheduleAll = 0.5)).toThrow(/must be set to a bool or integer/);
  });
});

describe("balance and queue (3)", () => {
  it("balance > 0 with senders waiting, < 0 with receivers; killing a blocked tasklet removes it", () => {
    const ch = new Channel();
    const log: unknown[] = [];
    const s1 = blockedSender(ch, 1, log);
    const s2 = blockedSender(ch, 2, log);
    expect(ch.balance).toBe(2);
    expect(ch.queue).toBe(s1);
    s1.kill();
    expect(ch.balance).toBe(1);
    expect(ch.queue).toBe(s2);
    expect(ch.receive()).toBe(2);
    run();
    expect(ch.balance).toBe(0);
    const r = blockedReceiver(ch, log);
    expect(ch.balance).toBe(-1);
    r.kill();
    expect([ch.balance, ch.queue]).toEqual([0, null]);
  });

  it("values are taken in FIFO order of the waiting senders", () => {
    const ch = new Channel<number>();
    const log: unknown[] = [];
    for (const v of [1, 2, 3]) blockedSender(ch, v, log);
    expect([ch.receive(), ch.receive(), ch.receive()]).toEqual([1, 2, 3]);
    run();
  });

  // DIFFERENCE (runtime/tasklet.ts + channel.ts): Stackless chains the waiting tasklets
  // through `.next` (channel.queue.next is the second waiter); stackless-ts keeps `next`
  // for the runnables ring only, so a blocked tasklet's `next` is null.
  it("the waiting tasklets are chained through .next in FIFO order", () => {
    const ch = new Channel();
    const log: unknown[] = [];
    const a = blockedReceiver(ch, log);
    const b = blockedReceiver(ch, log);
    try {
      expect(ch.queue).toBe(a);
      expect(a.next).toBe(b);
    } finally {
      a.kill();
      b.kill();
    }
  });
});

describe("close / open (5)", () => {
  it("closing at once, closed only when balance is 0; operations that can complete still succeed", () => {
    const ch = new Channel<number>();
    const log: unknown[] = [];
    blockedSender(ch, 1, log);
    blockedSender(ch, 2, log);
    ch.close();
    expect([ch.closing, ch.closed]).toEqual([true, false]);
    expect(ch.receive()).toBe(1);
    expect(ch.closed).toBe(false);
    expect(ch.receive()).toBe(2);
    expect([ch.closing, ch.closed]).toEqual([true, true]);
    run();
    expect(() => ch.receive()).toThrow(ChannelClosedError);
    expect(() => ch.send(3)).toThrow(/Send operation on a closed channel/);
    ch.open();
    expect([ch.closing, ch.closed]).toEqual([false, false]);
  });

  it("closed after the last blocked tasklet is killed", () => {
    const ch = new Channel();
    const r = blockedReceiver(ch, []);
    ch.close();
    expect(ch.closed).toBe(false);
    r.kill();
    expect(ch.closed).toBe(true);
  });

  it("close() does not wake a blocked receiver; it is served by a later send", () => {
    const ch = new Channel();
    const log: unknown[] = [];
    const r = blockedReceiver(ch, log);
    ch.close();
    expect(r.blocked).toBe(true);
    ch.send("late"); // can complete: succeeds on a closing channel
    expect(log).toEqual(["R-got late"]);
    expect(ch.closed).toBe(true);
  });

  it("iterating a closed channel ends at once", () => {
    const ch = new Channel();
    ch.close();
    expect([...ch]).toEqual([]);
  });

  it("iteration ends when a StopIteration is sent (sendException or sendThrow)", () => {
    for (const stop of [
      { fn: Channel.prototype.sendException, args: [StopIteration] },
      { fn: Channel.prototype.sendThrow, args: [new StopIteration()] },
    ]) {
      const ch = new Channel<number>();
      // main iterates (blocking hard, at the bottom); a soft tasklet sends, then stops it
      softTasklet([call(Channel.prototype.send, ch, 1), call(Channel.prototype.send, ch, 2), { ...stop, self: ch }]);
      const got: number[] = [];
      for (const v of ch) got.push(v);
      expect(got).toEqual([1, 2]);
      run();
      expect(ch.balance).toBe(0);
    }
  });
});

describe("sendException / sendThrow / sendSequence (6) and construction (7)", () => {
  class TestError extends Error {
    readonly args: unknown[];
    constructor(...args: unknown[]) {
      super(String(args[0]));
      this.args = args;
    }
  }

  it("sendException(cls, ...args): the receiver gets cls(...args); an instance is a TypeError", () => {
    const ch = new Channel();
    const log: unknown[] = [];
    let got: unknown;
    softTasklet([{ fn: Channel.prototype.receive, self: ch, catch: (e) => (got = e) }]);
    run();
    ch.sendException(TestError, "a", 2);
    expect(got).toBeInstanceOf(TestError);
    expect((got as TestError).args).toEqual(["a", 2]);
    expect(() => ch.sendException(new TestError() as never)).toThrow(TypeError);
    expect(log).toEqual([]);
  });

  it("sendThrow(instance): the receiver gets that very instance, its stack the sender's", () => {
    const ch = new Channel();
    let got: unknown;
    softTasklet([{ fn: Channel.prototype.receive, self: ch, catch: (e) => (got = e) }]);
    run();
    function senderFunction() {
      return new TestError("from sender");
    }
    const err = senderFunction();
    ch.sendThrow(err);
    expect(got).toBe(err);
    expect((got as Error).stack).toMatch(/senderFunction/);
  });

  it("sendSequence(seq) returns the count sent", () => {
    const ch = new Channel<number>();
    const got: number[] = [];
    softTasklet([
      { fn: Channel.prototype.receive, self: ch, then: (v) => got.push(v as number) },
      { fn: Channel.prototype.receive, self: ch, then: (v) => got.push(v as number) },
      { fn: Channel.prototype.receive, self: ch, then: (v) => got.push(v as number) },
    ]);
    run();
    expect(ch.sendSequence([4, 5, 6])).toBe(3);
    expect(got).toEqual([4, 5, 6]);
    expect(ch.sendSequence([])).toBe(0);
  });

  it("channel() ignores arguments; Channel is subclassable", () => {
    const ch = (channel as (...a: unknown[]) => Channel)(1, 2, { x: 3 });
    expect(ch).toBeInstanceOf(Channel);
    expect(ch.balance).toBe(0);
    class Named extends Channel<string> {
      constructor(readonly label: string) {
        super();
      }
    }
    const n = new Named("n");
    expect(n.label).toBe("n");
    expect(n.preference).toBe(-1);
  });
});

describe("deadlock and errors (8, 9, 10)", () => {
  it("main blocking alone: RuntimeError 'Deadlock: the last runnable tasklet cannot be blocked.'", () => {
    const ch = new Channel();
    expect(() => ch.receive()).toThrow(RuntimeError);
    expect(() => ch.send(1)).toThrow(/Deadlock: the last runnable tasklet cannot be blocked/);
    expect([ch.balance, getRunCount()]).toEqual([0, 1]);
  });

  it("main blocked; the last other runnable tasklet ends: 'the main tasklet is receiving without a sender available.'", () => {
    const ch = new Channel();
    new Tasklet(nop).setup();
    expect(() => ch.receive()).toThrow(/the main tasklet is receiving without a sender available/);
    new Tasklet(nop).setup();
    expect(() => ch.send(1)).toThrow(/the main tasklet is sending without a receiver available/);
    expect(ch.balance).toBe(0);
  });

  it("a non-main tasklet blocking as the last runnable one gets Deadlock; uncaught, it goes to the blocked main", () => {
    const ch = new Channel();
    const other = new Channel();
    let caught: unknown;
    softTasklet([{ fn: Channel.prototype.receive, self: other, catch: (e) => (caught = e) }]);
    expect(() => ch.receive()).toThrow(RuntimeError);
    expect(String(caught)).toMatch(/Deadlock/);
    softTasklet([call(Channel.prototype.receive, other)]);
    expect(() => ch.receive()).toThrow(/Deadlock/);
    expect([ch.balance, other.balance]).toEqual([0, 0]);
  });

  it("an uncaught error is raised out of run(); the others stay queued and a second run() continues them", () => {
    const log: string[] = [];
    new Tasklet(() => log.push("a")).setup();
    new Tasklet(() => {
      throw new Error("boom");
    }).setup();
    new Tasklet(() => log.push("c")).setup();
    expect(() => run()).toThrow("boom");
    expect(log).toEqual(["a"]);
    expect(getRunCount()).toBe(2);
    run();
    expect(log).toEqual(["a", "c"]);
  });

  it("an uncaught error is raised out of main's pending receive()", () => {
    const ch = new Channel();
    softTasklet([
      plain(() => {
        throw new Error("in tasklet");
      }),
    ]);
    expect(() => ch.receive()).toThrow("in tasklet");
    expect(ch.balance).toBe(0);
  });

  it("TaskletExit escaping a tasklet is swallowed", () => {
    new Tasklet(() => {
      throw new TaskletExit("bye");
    }).setup();
    expect(() => run()).not.toThrow();
  });

  it("blockTrap: only blocking raises RuntimeError; non-blocking send and receive work", () => {
    const ch = new Channel<number>();
    const main = getCurrent();
    expect(main.setBlockTrap(true)).toBe(false);
    try {
      expect(() => ch.receive()).toThrow(/blockTrap/);
      blockedSender(ch, 1, []);
      expect(ch.receive()).toBe(1);
      run();
      blockedReceiver(ch, []);
      ch.send(2);
    } finally {
      main.setBlockTrap(false);
    }
    const log: string[] = [];
    const t = softTasklet([{ fn: Channel.prototype.receive, self: ch, catch: (e) => log.push(String(e)) }]);
    t.setBlockTrap(true);
    run();
    expect(log[0]).toMatch(/RuntimeError.*blockTrap/);
  });
});

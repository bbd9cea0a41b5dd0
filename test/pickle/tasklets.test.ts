// Pickling running tasklets in one process: each restored tasklet must go on exactly as
// the original does (same prints from the same state), and what cannot be pickled must
// fail with PickleError leaving every tasklet running.
import { describe, it, expect, beforeAll, afterEach } from "vitest";
import { Tasklet, Channel, run, schedule, pickle, unpickle, snapshot, restoreSnapshot, PickleError, CodeChangedError, getMain, StopIteration } from "stackless-ts";
import { loadTaskletModule } from "../helpers/compiled.js";
import { liveTasklets } from "../../runtime/scheduler.js";
import { CODE } from "../../runtime/keys.js";

let m: Record<string, any>;

beforeAll(async () => {
  m = await loadTaskletModule(
    "pickle-tasklets",
    `
import { Channel, Tasklet, schedule } from "stackless-ts";
export const inbox = new Channel<number>();
export const log: string[] = [];

export function countdown(name: string, n: number): number {
  if (n === 0) { schedule(); return 0; }
  const below = countdown(name, n - 1);
  log.push(name + ":" + n + ":" + below);
  return below + n;
}

// A tasklet held by a module-level const, as a script's top level holds one.
export const parked = new Tasklet(countdown);

export function listener(name: string): void {
  let total = 0;
  const seen: number[] = [];
  const add = (x: number) => { total += x; seen.push(x); };
  for (;;) {
    const v = inbox.receive();
    if (v < 0) break;
    add(v);
    log.push(name + " got " + v + " total " + total);
  }
  log.push(name + " done " + seen.join(","));
}

export function receiveInto(ch: Channel<number>, out: unknown[]): void {
  out.push(ch.receive());
}

export class Counter {
  count = 0;
  bump(by: number): number { schedule(); this.count += by; return this.count; }
}

export function drainChannel(name: string, ch: Channel<number>): void {
  for (const v of ch) log.push(name + " got " + v);
  log.push(name + " loop ended");
}

// A class of ES5 code: a constructor function with methods on its prototype.
export function Tally(this: any, start: number) {
  this.total = start;
  schedule();
  this.made = new.target === Tally;
}
Tally.prototype.add = function (this: any, n: number) { schedule(); this.total += n; return this.total; };

export function useTally(name: string): void {
  const t = new (Tally as any)(10);
  log.push(name + " tally " + t.add(5) + " " + t.made + " " + (t instanceof Tally));
}

export function arrowTwice(name: string): void {
  let n = 0;
  const step = () => { schedule(); return ++n; };
  const a = step();
  const b = step();
  log.push(name + " arrow " + a + " " + b);
}

export function patternDefault(name: string): void {
  const [a, b = (schedule(), "dflt"), c] = ["x", undefined, "z"];
  log.push(name + " pattern " + a + b + c);
}

// A match array held across switches: its index, input and groups live in named properties.
export function scanWords(name: string, text: string): void {
  const re = /(?<w>[a-z]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    schedule();
    log.push(name + " " + m.groups!.w + "@" + m.index + "/" + m.input.length + " next " + re.lastIndex);
  }
}

let lastSite: unknown = null;
function rawTag(strings: TemplateStringsArray, ...subs: unknown[]): string {
  const again = strings === lastSite;
  lastSite = strings;
  schedule();
  return strings.raw.join("|") + ":" + subs.join(",") + ":" + Object.isFrozen(strings) + ":" + again + ":" + (strings === lastSite);
}
export function tagged(name: string): void {
  for (let i = 0; i < 2; i++) log.push(name + " " + rawTag\`x\\n\${i}y\`);
  log.push(name + " " + rawTag\`x\\n\${2}y\`);
}

export function makeCounter(start: number) {
  let n = start;
  const step = { by: 2 };
  return { next: () => (n += step.by), peek() { return n; }, step };
}

export function useCounter(name: string, c: Counter): void {
  const a = c.bump(1);
  const b = c.bump(10);
  log.push(name + " counter " + a + " " + b + " " + c.count);
}
`,
  );
});

afterEach(() => {
  // A failed test must not leave tasklets for the next one's snapshot().
  for (const t of liveTaskletsForTests()) t.kill();
  run();
  m.log.splice(0);
});

function liveTaskletsForTests(): Tasklet[] {
  return [...liveTasklets];
}

function drain(): string[] {
  const out = m.log.splice(0);
  return out;
}

describe("pickling tasklets", () => {
  it("a tasklet paused deep in recursion restores and finishes exactly as the original", () => {
    const t = new Tasklet(m.countdown).setup("a", 5);
    schedule(); // t runs down to n === 0 and switches there
    expect(t.recursionDepth).toBe(6);
    const bytes = pickle(t);
    const copy = unpickle(bytes) as Tasklet;
    expect(copy).not.toBe(t);
    expect([copy.alive, copy.paused, copy.restorable, copy.recursionDepth]).toEqual([true, true, true, 6]);
    run();
    const original = drain();
    copy.insert();
    run();
    expect(drain()).toEqual(original);
    expect(original).toEqual(["a:1:0", "a:2:1", "a:3:3", "a:4:6", "a:5:10"]);
  });

  it("the value given to pickle() is a copy even when a module binds it; bindings it reaches stay references", () => {
    const t = m.parked as Tasklet;
    t.setup("p", 2);
    schedule();
    const copy = unpickle(pickle(t)) as Tasklet;
    expect(copy).not.toBe(t);
    expect([copy.alive, copy.paused, copy.recursionDepth]).toEqual([true, true, 3]);
    expect((unpickle(pickle([t])) as Tasklet[])[0]).toBe(t);
    // snapshot() writes each tasklet by value too.
    const [again] = restoreSnapshot(snapshot());
    expect(again).not.toBe(t);
    expect(again!.recursionDepth).toBe(3);
    again!.remove();
    t.kill();
    copy.insert();
    run();
    expect(drain()).toEqual(["p:1:0", "p:2:1"]);
  });

  it("a blocked tasklet comes back blocked on the (module-level) channel, closures and locals intact", () => {
    const t = new Tasklet(m.listener).setup("L");
    run();
    m.inbox.send(5);
    expect(t.blocked).toBe(true);
    const copy = unpickle(pickle(t)) as Tasklet;
    // The module-level channel pickles by reference: the copy waits on the same one.
    expect(copy.blocked).toBe(true);
    expect(m.inbox.balance).toBe(-2);
    // The original is first in the queue; after each value it queues again behind the copy.
    for (const v of [7, 8, -1, -1]) m.inbox.send(v);
    run();
    expect(drain()).toEqual(["L got 5 total 5", "L got 7 total 12", "L got 8 total 13", "L done 5,7", "L done 5,8"]);
    expect(m.inbox.balance).toBe(0);
  });

  it("closures pickle with their environment, shared between them; the copy goes on alone", () => {
    const c = m.makeCounter(10);
    expect(c.next()).toBe(12);
    const c2 = unpickle(pickle(c)) as typeof c;
    expect(c2.next).not.toBe(c.next);
    // The environment's state came along, and both restored closures share one copy of it.
    expect(c2.peek()).toBe(12);
    expect(c2.next()).toBe(14);
    expect(c2.peek()).toBe(14);
    c2.step.by = 5;
    expect(c2.next()).toBe(19);
    expect(c.peek()).toBe(12);
    expect(c.next()).toBe(14);
    // The code record and environment stay invisible to string-keyed reflection.
    expect([Object.keys(c.next), Object.keys(c2.next), Object.getOwnPropertyNames(c2.peek)]).toEqual([[], [], ["length", "name"]]);
    expect(typeof (c2.next as any)[CODE]).toBe("object");
  });

  it("instances of classes of tasklet code pickle with their class; this survives", () => {
    const c = new m.Counter();
    const t = new Tasklet(m.useCounter).setup("u", c);
    schedule(); // t is inside c.bump(1)
    const [t2, c2] = unpickle(pickle([t, c])) as [Tasklet, any];
    expect(c2).toBeInstanceOf(m.Counter);
    expect(c2).not.toBe(c);
    run();
    t2.insert();
    run();
    expect(drain()).toEqual(["u counter 1 11 11", "u counter 1 11 11"]);
  });

  it("instances of a module-level constructor function (ES5 class) pickle with it, in its constructor and its methods", () => {
    for (const pauses of [1, 2]) {
      const t = new Tasklet(m.useTally).setup("e" + pauses);
      for (let i = 0; i < pauses; i++) schedule(); // 1: in Tally's body (this is the new object); 2: in add()
      const t2 = unpickle(pickle(t)) as Tasklet;
      run();
      t2.insert();
      run();
    }
    expect(drain()).toEqual(["e1 tally 15 true true", "e1 tally 15 true true", "e2 tally 15 true true", "e2 tally 15 true true"]);
  });

  it("a tasklet blocked in for (… of channel) pickles; the copy waits in the loop on its copy of the channel", () => {
    const ch = new Channel<number>();
    const t = new Tasklet(m.drainChannel).setup("t", ch);
    run();
    ch.send(1);
    expect(t.blocked && t.restorable).toBe(true);
    const t2 = unpickle(pickle(t)) as Tasklet;
    const ch2 = (t2 as any).blockedOn as Channel<number>;
    expect([t2.blocked, ch2 !== ch, ch2.balance]).toEqual([true, true, -1]);
    ch2.send(2);
    ch.send(3);
    ch2.sendException(StopIteration);
    ch.sendException(StopIteration);
    run();
    expect(drain()).toEqual(["t got 1", "t got 2", "t got 3", "t loop ended", "t loop ended"]);
    expect(t.alive || t2.alive).toBe(false);
  });

  it("a restored arrow pickles again (its factory ran with this undefined, not the code entry)", () => {
    const t = new Tasklet(m.arrowTwice).setup("w");
    schedule(); // inside the first step()
    const copy = unpickle(pickle(t)) as Tasklet;
    t.remove();
    copy.insert();
    schedule(); // the copy is inside the second step(), a frame of the rebuilt arrow
    const again = unpickle(pickle(copy)) as Tasklet;
    copy.remove();
    again.insert();
    run();
    expect(drain()).toEqual(["w arrow 1 2"]);
  });

  it("a tasklet paused in an array pattern's default over an array pickles (the iterator is a runtime walker)", () => {
    const t = new Tasklet(m.patternDefault).setup("p");
    schedule();
    const copy = unpickle(pickle(t)) as Tasklet;
    run();
    copy.insert();
    run();
    expect(drain()).toEqual(["p pattern xdfltz", "p pattern xdfltz"]);
  });

  it("a match array held by a paused frame keeps index, input and groups; its RegExp keeps lastIndex", () => {
    const t = new Tasklet(m.scanWords).setup("s", "ab, cde f");
    schedule(); // paused after matching "ab"
    const copy = unpickle(pickle(t)) as Tasklet;
    t.remove();
    copy.insert();
    run();
    expect(drain()).toEqual(["s ab@0/9 next 2", "s cde@4/9 next 7", "s f@8/9 next 9"]);
  });

  it("a template object held by a paused frame pickles by reference: raw, frozen and the site's identity kept", () => {
    const t = new Tasklet(m.tagged).setup("g");
    schedule(); // inside rawTag for i === 0
    const copy = unpickle(pickle(t)) as Tasklet;
    t.remove();
    copy.insert();
    run();
    // The same site gives the same object at each evaluation; another site with the same
    // strings gives its own.
    expect(drain()).toEqual(["g x\\n|y:0:true:false:true", "g x\\n|y:1:true:true:true", "g x\\n|y:2:true:false:true"]);
  });

  it("a channel pickled by value brings every tasklet in its queue (Stackless 21)", () => {
    const ch = new Channel<number>();
    const got: unknown[] = [];
    const receivers = [1, 2, 3].map(() => new Tasklet(m.receiveInto).setup(ch, got));
    run();
    expect(ch.balance).toBe(-3);
    // Pickling just the first receiver brings its channel, and with it all three.
    const [copy, got2] = unpickle(pickle([receivers[0], got])) as [Tasklet, unknown[]];
    const ch2 = (copy as any).blockedOn as Channel<number>;

    expect(ch2 === ch).toBe(false); // (never hand a Channel to expect(): equality checks iterate it, i.e. receive)
    expect(ch2.balance).toBe(-3);
    expect(ch2.queue === copy).toBe(true);
    for (let i = 0; i < 3; i++) ch.send(i);
    for (let i = 10; i < 13; i++) ch2.send(i);
    run();
    // The copies push into the copy of `got` (identity holds within one pickle only).
    expect(got).toEqual([0, 1, 2]);
    expect(got2).toEqual([10, 11, 12]);
  });

  it("the current tasklet and a hard-switched main cannot be pickled; nothing changes", () => {
    expect(() => pickle(getMain())).toThrow(PickleError);
    expect(() => pickle(getMain())).toThrow(/current tasklet/);
    const t = new Tasklet(m.countdown).setup("b", 2);
    schedule();
    expect(() => pickle({ ok: t, bad: () => 1 })).toThrow(PickleError);
    run();
    expect(t.alive).toBe(false);
    expect(drain()).toEqual(["b:1:0", "b:2:1"]);
  });

  it("snapshot() takes every tasklet but main; restoreSnapshot() brings them back runnable or blocked", () => {
    new Tasklet(m.countdown).setup("s", 3);
    new Tasklet(m.listener).setup("S");
    schedule(); // both run until they switch: countdown paused in schedule(), listener blocked
    const bytes = snapshot();
    run();
    m.inbox.send(-1);
    const original = drain();
    const restored = restoreSnapshot(bytes);
    expect(restored.length).toBe(2);
    expect(restored[1]!.blocked).toBe(true);
    run();
    m.inbox.send(-1);
    expect(drain()).toEqual(original);
  });

  it("a pending exception (throw with pending: true) travels with the tasklet", () => {
    const t = new Tasklet(m.listener).setup("P");
    run();
    t.throw(new RangeError("later"), { pending: true });
    const copy = unpickle(pickle(t)) as Tasklet;
    t.kill();
    copy.insert();
    expect(() => run()).toThrow(RangeError);
    expect(copy.alive).toBe(false);
  });

  it("a sleeping tasklet restores as a sleeper with the same wall-clock deadline", async () => {
    const { sleep: sleepFn, runAsync } = await import("stackless-ts");
    const mod = await loadTaskletModule(
      "pickle-sleeper",
      `import { sleep } from "stackless-ts";
       export const out: number[] = [];
       export function nap(ms: number): void { const t0 = Date.now(); sleep(ms); out.push(Date.now() - t0); }`,
    );
    void sleepFn;
    const t = new Tasklet(mod.nap).setup(60);
    run();
    expect(t.blocked).toBe(true);
    const copy = unpickle(pickle(t)) as Tasklet;
    t.kill();
    expect(copy.blocked).toBe(true);
    const t0 = Date.now();
    await runAsync();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(40);
    expect(mod.out.length).toBe(1);
    expect(mod.out[0]).toBeGreaterThanOrEqual(59);
  });

  it("a Tasklet subclass may use field names like state, args, func, wait, top (the runtime's are its own)", () => {
    class Job extends Tasklet {
      state = "queued";
      args: unknown = ["mine"];
      func = "not a function";
      wait = 5;
    }
    const j = new Job(m.countdown).setup("j", 2);
    schedule();
    expect([j.state, j.args, j.func, j.wait, j.alive, j.restorable]).toEqual(["queued", ["mine"], "not a function", 5, true, true]);
    run();
    expect(j.alive).toBe(false);
    expect(drain()).toEqual(["j:1:0", "j:2:1"]);
  });

  it("restoring a frame whose function changed throws CodeChangedError before anything runs", async () => {
    const t = new Tasklet(m.countdown).setup("c", 1);
    schedule();
    const bytes = pickle(t);
    run();
    drain();
    const code = (m.countdown as any)[CODE];
    const hash = code.hash;
    code.hash = "changed";
    try {
      expect(() => unpickle(bytes)).toThrow(CodeChangedError);
      expect(() => unpickle(bytes)).toThrow(/countdown/);
    } finally {
      code.hash = hash;
    }
  });
});

/**
 * Channel: an unbuffered rendezvous between tasklets, with Stackless's exact rules of
 * who runs next (STACKLESS-SEMANTICS.md 1-7).
 *
 * Invariants
 * - Every tasklet in the queue waits in the same direction: balance > 0 means that
 *   many senders wait, balance < 0 that many receivers; |balance| = queue length.
 * - A queued tasklet has blockedOn === this channel and is not in the runnables ring.
 * - A waiting sender's value is in its tempval (Stackless swaps tempvals on exchange).
 * - `closed` is derived: closing and nobody waiting.
 *
 * send and receive run one ladder (STYLE habit 3): hook, a waiting partner (hand over,
 * honouring preference and scheduleAll), else would-block checks (blockTrap, closing,
 * deadlock), then enqueue and switch.
 */
import { rt } from "./protocol.js";
import { ChannelClosedError, RuntimeError } from "./errors.js";
import { sched, current, ringInsert, ringInsertAfter, ringRemove, suspend, checkCanBlock, Bomb, registerPrimitive, calledDirectly } from "./scheduler.js";
import type { Tasklet } from "./tasklet.js";
import { fireChannel, channelHooks } from "./callbacks.js";
import { constructWith } from "./lists.js";

let nextChannelId = 1;

/** Sent into a channel (sendException/sendThrow) to end a receiver's `for…of`. */
export class StopIteration extends Error {
  override name = "StopIteration";
}

export class Channel<T = unknown> implements Iterable<T> {
  /** A number for messages and debuggers ("channel 3"). */
  readonly id = nextChannelId++;
  #first: Tasklet | null = null;
  #last: Tasklet | null = null;
  #balance = 0;
  #preference = -1;
  #scheduleAll = false;
  #closing = false;

  // --- the ladder ----------------------------------------------------------------

  /** Blocks until a receiver takes `value`. */
  send(value: T): void {
    return this.#action(1, value, Channel.prototype.send) as void;
  }

  /** Blocks until a sender gives a value. */
  receive(): T {
    return this.#action(-1, undefined, Channel.prototype.receive) as T;
  }

  /** The receiver throws `new Klass(...args)` instead of receiving. Klass must be a class. */
  sendException(Klass: new (...args: any[]) => unknown, ...args: unknown[]): void {
    // Called directly from tasklet code it may soft-switch: note that before
    // constructing the error (a compiled constructor resets rt.callee).
    const direct = calledDirectly(Channel.prototype.sendException);
    if (typeof Klass !== "function") {
      rt.callee = rt.NOBODY;
      throw new TypeError(`${this.describe()}: sendException takes an exception class, got ${typeof Klass}; use sendThrow(error) for an instance`);
    }
    const error = constructWith(Klass, args);
    rt.callee = direct ? Channel.prototype.sendException : rt.NOBODY;
    return this.#action(1, new Bomb(error), Channel.prototype.sendException) as void;
  }

  /** The receiver throws `error` (an instance, its stack kept). */
  sendThrow(error: unknown): void {
    return this.#action(1, new Bomb(error), Channel.prototype.sendThrow) as void;
  }

  /**
   * Sends every value of `iterable`; returns how many were sent. Tasklet code by hand
   * (docs/frame-protocol.md): called directly from tasklet code, each send may
   * soft-switch, and a tasklet blocked in it pickles (an array is walked by index).
   */
  sendSequence(iterable: Iterable<T>): number {
    let items: ArrayLike<unknown> | null;
    let it: Iterator<unknown> | null;
    let i: number;
    let n: number;
    let direct: boolean;
    if (rt.callee === rt.RESUME) {
      // Resumed by the trampoline: the bottom of the JS stack, its sends direct again.
      direct = rt.nesting === 0;
      const f = rt.frame!;
      items = f.vars[0] as ArrayLike<unknown> | null;
      it = f.vars[1] as Iterator<unknown> | null;
      i = f.vars[2] as number;
      n = f.vars[3] as number;
      rt.callee = rt.NOBODY;
      rt.take(); // the send that switched: its error, if any, leaves here
      n++;
    } else {
      direct = calledDirectly(Channel.prototype.sendSequence) && rt.nesting === 0;
      rt.callee = rt.NOBODY;
      items = Array.isArray(iterable) ? iterable : null;
      it = items === null ? iterable[Symbol.iterator]() : null;
      i = 0;
      n = 0;
    }
    for (;;) {
      let v: unknown;
      if (items !== null) {
        if (i >= items.length) break;
        v = items[i++];
      } else {
        const r = it!.next();
        if (r.done) break;
        v = r.value;
      }
      rt.callee = direct ? Channel.prototype.send : rt.NOBODY;
      this.send(v as T);
      if (rt.unwinding) return rt.save(Channel.prototype.sendSequence as never, 1, this, [items, it, i, n]) as number;
      n++;
    }
    return n;
  }

  #action(dir: 1 | -1, value: unknown, primitive: unknown): unknown {
    const cur = current();
    const cando = dir > 0 ? this.#balance < 0 : this.#balance > 0;
    // Stackless sets the caller's tempval to what it sends (None to receive) before
    // the channel callback, which may read it.
    cur.tempval = value;
    if (channelHooks.on) {
      // The callback may be tasklet code, which resets rt.callee: keep whether we were called directly.
      const callee = rt.callee;
      fireChannel(this as Channel<unknown>, cur, dir > 0, !cando);
      rt.callee = callee;
    }
    if (cando) {
      const partner = this.#dequeue()!;
      // Exchange the values: the receiver ends with the sent one, the sender with none.
      const result = partner.tempval;
      partner.tempval = cur.tempval;
      cur.tempval = undefined;
      if (this.#scheduleAll) {
        // The woken side goes last and the caller always yields.
        ringInsert(partner);
        return this.#yieldAfterExchange(cur, result, cur.rnext !== null && cur.rnext !== cur ? cur.rnext : partner, primitive);
      }
      if (this.#preference === -dir) {
        // The waiting side is preferred: it runs now, the caller right after it.
        ringInsertAfter(partner, cur);
        return this.#yieldAfterExchange(cur, result, partner, primitive, true);
      }
      ringInsert(partner);
      rt.callee = rt.NOBODY;
      if (result instanceof Bomb) throw result.error;
      return result;
    }
    try {
      if (cur.blockTrap) throw new RuntimeError(`tasklet ${cur.id} would block on ${this.describe()} but its blockTrap is set`);
      if (this.#closing) throw new ChannelClosedError(`${dir > 0 ? "Send" : "Receive"} operation on a closed channel (${this.describe()}, tasklet ${cur.id})`);
      checkCanBlock(cur, `${dir > 0 ? "sending on" : "receiving from"} ${this.describe()}`);
    } catch (e) {
      cur.tempval = undefined;
      rt.callee = rt.NOBODY;
      throw e;
    }
    ringRemove(cur);
    this.#enqueue(cur, dir);
    return suspend(cur, primitive);
  }

  /** `notNow`: the channel chose who runs; a pending soft interrupt passes on (Stackless's PY_WATCHDOG_NO_SOFT_IRQ). */
  #yieldAfterExchange(cur: Tasklet, result: unknown, next: Tasklet, primitive: unknown, notNow = false): unknown {
    cur.tempval = result;
    sched.head = next;
    return suspend(cur, primitive, notNow);
  }

  #enqueue(t: Tasklet, dir: 1 | -1): void {
    t.blockedOn = this as Channel<unknown>;
    t.blockedDir = dir;
    t.queueNext = null;
    if (this.#last === null) this.#first = t;
    else this.#last.queueNext = t;
    this.#last = t;
    this.#balance += dir;
  }

  #dequeue(): Tasklet | null {
    const t = this.#first;
    if (t === null) return null;
    this.#first = t.queueNext;
    if (this.#first === null) this.#last = null;
    this.#balance -= t.blockedDir;
    t.queueNext = null;
    t.blockedOn = null;
    t.blockedDir = 0;
    return t;
  }

  /** @internal Queues a restored tasklet at the end, as blocked in direction `dir` (snapshot.ts). */
  enqueueRestored(t: Tasklet, dir: 1 | -1): void {
    if (this.#balance !== 0 && Math.sign(this.#balance) !== dir) {
      throw new RuntimeError(`cannot restore tasklet ${t.id} on ${this.describe()}: it waits to ${dir > 0 ? "send" : "receive"} while the channel's queue waits the other way`);
    }
    this.#enqueue(t, dir);
  }

  /** @internal Takes a blocked tasklet off the queue (kill, throw, deadlock). */
  unblock(t: Tasklet): void {
    if (t.blockedOn !== (this as Channel<unknown>)) return;
    let prev: Tasklet | null = null;
    for (let u = this.#first; u !== null; prev = u, u = u.queueNext) {
      if (u !== t) continue;
      if (prev === null) this.#first = u.queueNext;
      else prev.queueNext = u.queueNext;
      if (this.#last === u) this.#last = prev;
      break;
    }
    this.#balance -= t.blockedDir;
    t.queueNext = null;
    t.blockedOn = null;
    t.blockedDir = 0;
  }

  /** @internal The waiting tasklets, first to last (pickling, debugger). */
  waiting(): Tasklet[] {
    const out: Tasklet[] = [];
    for (let u = this.#first; u !== null; u = u.queueNext) out.push(u);
    return out;
  }

  // --- state ---------------------------------------------------------------------

  /** Senders waiting minus receivers waiting. */
  get balance(): number {
    return this.#balance;
  }
  /** The first blocked tasklet, or null; the others follow through `.next` in Stackless. */
  get queue(): Tasklet | null {
    return this.#first;
  }
  /** -1 (default) prefer the receiver, 1 prefer the sender, 0 the caller continues. */
  get preference(): number {
    return this.#preference;
  }
  set preference(v: number) {
    if (typeof v === "boolean") v = v ? 1 : 0;
    if (typeof v !== "number" || !Number.isInteger(v)) throw new TypeError(`${this.describe()}: preference must be set to an integer`);
    this.#preference = Math.sign(v);
  }
  /** Every channel action schedules. */
  get scheduleAll(): boolean {
    return this.#scheduleAll;
  }
  set scheduleAll(v: boolean | number) {
    if (typeof v === "number" && !Number.isInteger(v)) throw new TypeError(`${this.describe()}: scheduleAll must be set to a bool or integer`);
    if (typeof v !== "number" && typeof v !== "boolean") throw new TypeError(`${this.describe()}: scheduleAll must be set to a bool or integer`);
    this.#scheduleAll = v !== 0 && v !== false;
  }
  get closing(): boolean {
    return this.#closing;
  }
  get closed(): boolean {
    return this.#closing && this.#balance === 0;
  }
  /** From now on a send/receive that would block throws ChannelClosedError. */
  close(): void {
    this.#closing = true;
  }
  open(): void {
    this.#closing = false;
  }

  /** Receives until the channel is closed or a StopIteration is sent. */
  [Symbol.iterator](): Iterator<T> {
    return new ChannelIterator<T>(this);
  }

  describe(): string {
    return `channel ${this.id}`;
  }

  toString(): string {
    return `<channel ${this.id} balance=${this.#balance}${this.#closing ? " closing" : ""}>`;
  }
}

/**
 * `for (const v of ch)`: next() is a blocking primitive of its own so that compiled
 * code can soft-switch in it; the delivered value is wrapped on resume (resumeHook).
 */
/** @internal a compiled `for (… of ch)` holds one in a frame slot: it pickles as its channel (snapshot.ts). */
export class ChannelIterator<T> implements Iterator<T> {
  constructor(readonly channel: Channel<T>) {}

  next(): IteratorResult<T> {
    const ch = this.channel;
    if (ch.closing && ch.balance <= 0) {
      rt.callee = rt.NOBODY;
      return { done: true, value: undefined };
    }
    const cur = current();
    cur.resumeHook = wrapIteration;
    let v: unknown;
    try {
      if (rt.callee === ChannelIterator.prototype.next) rt.callee = Channel.prototype.receive;
      v = ch.receive();
    } catch (e) {
      cur.resumeHook = null;
      return wrapIteration(e, true) as IteratorResult<T>;
    }
    if (rt.unwinding) return v as IteratorResult<T>; // soft switch: wrapped when resumed
    cur.resumeHook = null;
    return { done: false, value: v as T };
  }

  [Symbol.iterator](): Iterator<T> {
    return this;
  }
}

/** @internal the resume hook of a channel iteration (known to snapshot.ts by number) */
export function wrapIteration(v: unknown, threw: boolean): unknown {
  if (threw) {
    if (v instanceof StopIteration || v instanceof ChannelClosedError) return { done: true, value: undefined };
    throw v;
  }
  return { done: false, value: v };
}

// sendSequence is tasklet code by hand: its frame record pickles by this code's id.
const $m = rt.module("stackless-ts/channel");
$m.fn(
  $m.code({ id: "stackless-ts/channel#Channel.sendSequence", name: "sendSequence", hash: "1", vars: ["items", "it", "i", "n"], pcs: [1, 0, 1, 0], line: 1, column: 0 }),
  Channel.prototype.sendSequence,
);

for (const p of [Channel.prototype.send, Channel.prototype.receive, Channel.prototype.sendException, Channel.prototype.sendThrow, Channel.prototype.sendSequence]) registerPrimitive(p);

export function channel<T = unknown>(): Channel<T> {
  return new Channel<T>();
}

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
import { sched, current, ringInsert, ringInsertAfter, ringRemove, suspend, checkCanBlock, Bomb } from "./scheduler.js";
import type { Tasklet } from "./tasklet.js";
import { fireChannel } from "./callbacks.js";

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
    if (typeof Klass !== "function") throw new TypeError(`${this.describe()}: sendException takes an exception class, got ${typeof Klass}; use sendThrow(error) for an instance`);
    return this.#action(1, new Bomb(new Klass(...args)), Channel.prototype.sendException) as void;
  }

  /** The receiver throws `error` (an instance, its stack kept). */
  sendThrow(error: unknown): void {
    return this.#action(1, new Bomb(error), Channel.prototype.sendThrow) as void;
  }

  /** Sends every value of `iterable`; returns how many were sent. */
  sendSequence(iterable: Iterable<T>): number {
    let n = 0;
    for (const v of iterable) {
      this.send(v);
      n++;
    }
    return n;
  }

  #action(dir: 1 | -1, value: unknown, primitive: unknown): unknown {
    const cur = current();
    const cando = dir > 0 ? this.#balance < 0 : this.#balance > 0;
    fireChannel(this as Channel<unknown>, cur, dir > 0, !cando);
    if (cando) {
      const partner = this.#dequeue()!;
      let result: unknown;
      if (dir > 0) {
        partner.tempval = value;
        result = undefined;
      } else {
        result = partner.tempval;
        partner.tempval = undefined;
      }
      if (this.#scheduleAll) {
        // The woken side goes last and the caller always yields.
        ringInsert(partner);
        return this.#yieldAfterExchange(cur, result, cur.rnext !== null && cur.rnext !== cur ? cur.rnext : partner, primitive);
      }
      if (this.#preference === -dir) {
        // The waiting side is preferred: it runs now, the caller right after it.
        ringInsertAfter(partner, cur);
        return this.#yieldAfterExchange(cur, result, partner, primitive);
      }
      ringInsert(partner);
      rt.callee = rt.NOBODY;
      if (result instanceof Bomb) throw result.error;
      return result;
    }
    if (cur.blockTrap) throw new RuntimeError(`tasklet ${cur.id} would block on ${this.describe()} but its blockTrap is set`);
    if (this.#closing) throw new ChannelClosedError(`${dir > 0 ? "Send" : "Receive"} operation on a closed channel (${this.describe()}, tasklet ${cur.id})`);
    checkCanBlock(cur, `${dir > 0 ? "sending on" : "receiving from"} ${this.describe()}`);
    ringRemove(cur);
    this.#enqueue(cur, dir);
    cur.tempval = value;
    return suspend(cur, primitive);
  }

  #yieldAfterExchange(cur: Tasklet, result: unknown, next: Tasklet, primitive: unknown): unknown {
    cur.tempval = result;
    sched.head = next;
    return suspend(cur, primitive);
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
class ChannelIterator<T> implements Iterator<T> {
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

export function channel<T = unknown>(): Channel<T> {
  return new Channel<T>();
}

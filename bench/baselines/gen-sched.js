// A minimal round-robin scheduler over native generators: the practical limit
// for cooperative switching in JavaScript (one `gen.next()` per switch), used
// as the baseline that stackless-ts tasklets are measured against.
//
// Protocol of a task (a generator):
//   `yield`                      give way to the next runnable task (schedule())
//   `yield ch.send(v)`           send v over the rendezvous channel ch
//   `const v = yield ch.recv()`  receive from ch
// `send`/`recv` only note the operation on the channel and return it, so no
// object is allocated per operation; the scheduler reads the note right after
// the yield, before any other task runs.
//
// Channel semantics follow Stackless's default (preference -1, prefer the
// receiver): a send to a waiting receiver switches to the receiver at once and
// the sender goes to the back of the runnables; a receive from a waiting
// sender takes the value and goes on, the sender goes to the back. Invariant:
// a channel's waiting queue holds only senders or only receivers.

const OP_NONE = 0;
const OP_SEND = 1;
const OP_RECV = 2;

class Task {
  constructor(gen) {
    this.gen = gen;
    this.value = undefined; // delivered by the next gen.next()
    this.sendValue = undefined; // while blocked sending
    this.nextWaiting = null; // link in a channel's queue of blocked tasks
  }
}

/** Growable ring buffer of tasks (FIFO). */
class Ring {
  constructor(capacity = 16) {
    this.buf = new Array(capacity).fill(null);
    this.head = 0;
    this.size = 0;
  }
  push(x) {
    if (this.size === this.buf.length) this.grow();
    this.buf[(this.head + this.size) & (this.buf.length - 1)] = x;
    this.size++;
  }
  shift() {
    if (this.size === 0) return null;
    const x = this.buf[this.head];
    this.buf[this.head] = null;
    this.head = (this.head + 1) & (this.buf.length - 1);
    this.size--;
    return x;
  }
  grow() {
    const old = this.buf;
    const next = new Array(old.length * 2).fill(null);
    for (let i = 0; i < this.size; i++) next[i] = old[(this.head + i) & (old.length - 1)];
    this.buf = next;
    this.head = 0;
  }
}

export class GenChannel {
  constructor() {
    this.op = OP_NONE;
    this.opValue = undefined;
    /** Blocked tasks, all in direction `waitDir`: a FIFO linked through task.nextWaiting. */
    this.head = null;
    this.tail = null;
    this.waitDir = OP_NONE;
  }
  send(v) {
    this.op = OP_SEND;
    this.opValue = v;
    return this;
  }
  recv() {
    this.op = OP_RECV;
    return this;
  }
  hasWaiting(dir) {
    return this.head !== null && this.waitDir === dir;
  }
  popWaiting() {
    const t = this.head;
    this.head = t.nextWaiting;
    t.nextWaiting = null;
    if (this.head === null) this.tail = null;
    return t;
  }
  block(t, dir) {
    this.waitDir = dir;
    if (this.tail === null) this.head = t;
    else this.tail.nextWaiting = t;
    this.tail = t;
  }
}

export class GenScheduler {
  constructor() {
    this.runnables = new Ring();
  }

  /** Creates a task running `genFn(...args)` and appends it to the runnables. */
  spawn(genFn, ...args) {
    const t = new Task(genFn(...args));
    this.runnables.push(t);
    return t;
  }

  /** Runs until no task is runnable (all finished or blocked). */
  run() {
    const runnables = this.runnables;
    let t = runnables.shift();
    while (t !== null) {
      const r = t.gen.next(t.value);
      t.value = undefined;
      if (r.done) {
        t = runnables.shift();
        continue;
      }
      const ch = r.value;
      if (ch === undefined) {
        // schedule(): to the back of the ring
        runnables.push(t);
        t = runnables.shift();
        continue;
      }
      const op = ch.op;
      ch.op = OP_NONE;
      if (op === OP_SEND) {
        if (ch.hasWaiting(OP_RECV)) {
          const receiver = ch.popWaiting();
          receiver.value = ch.opValue;
          runnables.push(t);
          t = receiver; // prefer the receiver: it runs now
        } else {
          t.sendValue = ch.opValue;
          ch.block(t, OP_SEND);
          t = runnables.shift();
        }
      } else {
        if (ch.hasWaiting(OP_SEND)) {
          const sender = ch.popWaiting();
          t.value = sender.sendValue;
          sender.sendValue = undefined;
          runnables.push(sender); // the receiver goes on
        } else {
          ch.block(t, OP_RECV);
          t = runnables.shift();
        }
      }
    }
  }
}

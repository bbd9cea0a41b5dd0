// A rendezvous channel for async/await: the baseline a JavaScript programmer
// would write without stackless-ts. `await ch.send(v)` settles when a receiver
// took v; `await ch.receive()` settles with a sender's value. Switching is the
// microtask queue; schedule() is `await null`.
// Invariant: only senders or only receivers wait at any time.

export class PromiseChannel {
  constructor() {
    this.receivers = []; // resolve functions of waiting receivers
    this.senders = []; // { value, resolve } of waiting senders
  }

  send(value) {
    if (this.receivers.length > 0) {
      this.receivers.shift()(value);
      return undefined; // `await undefined` still yields one microtask turn
    }
    return new Promise((resolve) => {
      this.senders.push({ value, resolve });
    });
  }

  receive() {
    if (this.senders.length > 0) {
      const s = this.senders.shift();
      s.resolve();
      return s.value;
    }
    return new Promise((resolve) => {
      this.receivers.push(resolve);
    });
  }
}

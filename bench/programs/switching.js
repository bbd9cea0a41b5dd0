// W3 (tasklet code, used compiled only): channel ping-pong and schedule()
// round-robin. The harness calls a setup function, then times run() alone.

import { Channel, schedule, tasklet } from "stackless-ts";

function sender(ch, n) {
  for (let i = 0; i < n; i++) ch.send(i);
}

function receiver(ch, n, out) {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += ch.receive();
  out.sum = sum;
}

/** A sender and a receiver that will exchange `n` messages once run() is called. */
export function setupPingPong(n) {
  const ch = new Channel();
  const out = { sum: 0 };
  tasklet(sender).setup(ch, n);
  tasklet(receiver).setup(ch, n, out);
  return out;
}

function yielder(m, out) {
  for (let i = 0; i < m; i++) schedule();
  out.done++;
}

/** `k` tasklets that will each call schedule() `m` times once run() is called. */
export function setupRing(k, m) {
  const out = { done: 0 };
  for (let i = 0; i < k; i++) tasklet(yielder).setup(m, out);
  return out;
}

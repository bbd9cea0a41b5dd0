// W4 (tasklet code, used compiled only): many tasklets, each blocked on its
// own channel, then woken one by one by a waker tasklet.

import { Channel, tasklet } from "stackless-ts";

function blocker(ch, out) {
  const v = ch.receive();
  out.woken += v;
}

/** Creates `n` channels and `n` tasklets that will block on them once run() is called. */
export function setupBlocked(n, out) {
  const chans = new Array(n);
  for (let i = 0; i < n; i++) {
    const ch = new Channel();
    chans[i] = ch;
    tasklet(blocker).setup(ch, out);
  }
  return chans;
}

function waker(chans) {
  for (let i = 0; i < chans.length; i++) chans[i].send(1);
}

/** A tasklet that will send one value on each channel once run() is called. */
export function setupWaker(chans) {
  tasklet(waker).setup(chans);
}

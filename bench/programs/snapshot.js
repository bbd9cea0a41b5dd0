// W5 (tasklet code, used compiled only): tasklets blocked `depth` frames deep,
// each frame with a few locals (numbers, a string, a small array).

import { Channel, tasklet } from "stackless-ts";

function level(depth, ch, a, b) {
  const label = "L" + depth;
  const pair = [depth, a];
  const x = a * 2 + b;
  if (depth === 1) return ch.receive() + x;
  const r = level(depth - 1, ch, x, label.length);
  return r + pair[0] + label.length;
}

/** `count` tasklets that block `depth` frames deep, each on its own channel, once run() is called. */
export function setupBlocked(count, depth) {
  const tasklets = new Array(count);
  for (let i = 0; i < count; i++) {
    tasklets[i] = tasklet(level).setup(depth, new Channel(), i, 1);
  }
  return tasklets;
}

// W8 (tasklet code, used compiled only): runaway shapes that never return, for
// measuring how far past run(timeout) each runs before it is interrupted. Each
// counts its progress in `s.n` so the harness can check that it did run.

function add(a, b) {
  return a + b;
}

function down(d) {
  if (d === 0) return 0;
  return down(d - 1) + 1;
}

function* forever(s) {
  for (;;) yield s.n++;
}

/** A call-free loop (locally counted, protocol rule 9). */
export function loop(s) {
  for (;;) s.n++;
}

/** A counted inner loop (the unchecked copy runs when its whole run fits the budget). */
export function counted(s) {
  for (;;) {
    for (let i = 0; i < 1000; i++) s.n += i & 1;
  }
}

/** A loop calling tasklet code. */
export function calls(s) {
  for (;;) s.n = add(s.n, 1);
}

/** Recursion 50 deep at each iteration. */
export function recursion(s) {
  for (;;) s.n += down(50);
}

/** The runaway inside a callback of a soft built-in (Array.prototype.map). */
export function callback(s) {
  const xs = [1, 2, 3];
  for (;;) {
    xs.map((x) => {
      for (let j = 0; j < 10; j++) s.n++;
      return x;
    });
  }
}

/** A for-of over a compiled generator that never ends. */
export function generator(s) {
  for (const _ of forever(s));
}

export const SHAPES = ["loop", "counted", "calls", "recursion", "callback", "generator"];

// W1: recursive calls. The same file is imported as-is (native) and after
// compile() (tasklet code), so the two variants run the very same source.

export function fib(n) {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}

/** One repetition; returns a checksum the runner compares across variants. */
export function bench(n) {
  return fib(n);
}

export const sizes = { full: 30, quick: 25 };

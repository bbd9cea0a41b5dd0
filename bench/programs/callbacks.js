// W2: callbacks — higher-order array code: map/filter/reduce/sort/some/find
// with arrow callbacks and a closure-carried accumulator. In tasklet code the
// compiler hands these callbacks to tasklet-code versions of the built-ins,
// so this is the shape that exercises that path.

function lcg(seed) {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s;
  };
}

function stats(values) {
  const squares = values.map((x) => x * x);
  const evens = values.filter((x) => (x & 1) === 0);
  const sum = values.reduce((a, b) => a + b, 0);
  const sumSq = squares.reduce((a, b) => (a + b) % 1000000007, 0);
  const big = values.some((x) => x > 2000000000);
  const firstSmall = values.find((x) => x < 1000) ?? -1;
  return (sum % 1000003) + sumSq + evens.length + (big ? 1 : 0) + firstSmall;
}

/** `rounds` rounds over an array of 2000 pseudo-random numbers; returns a checksum. */
export function bench(rounds) {
  const next = lcg(42);
  const values = Array.from({ length: 2000 }, () => next());
  let check = 0;
  for (let r = 0; r < rounds; r++) {
    check = (check + stats(values)) % 1000000007;
    const sorted = values.slice().sort((a, b) => a - b);
    check = (check + sorted[r % sorted.length]) % 1000000007;
    values.forEach((v, i) => {
      values[i] = (v ^ (r * 2654435761)) & 0x7fffffff;
    });
  }
  return check;
}

export const sizes = { full: 400, quick: 40 };

// W2: fannkuch-redux — the Benchmarks Game's pancake flipping over all
// permutations: small integer arrays, index arithmetic, deeply nested loops.

/** Returns checksum * 1000 + maxFlips over all permutations of 0..n-1. */
export function fannkuch(n) {
  const perm = new Array(n).fill(0);
  const perm1 = new Array(n).fill(0);
  const count = new Array(n).fill(0);
  let maxFlips = 0;
  let checksum = 0;
  let permCount = 0;
  let r = n;
  for (let i = 0; i < n; i++) perm1[i] = i;
  for (;;) {
    while (r !== 1) {
      count[r - 1] = r;
      r--;
    }
    for (let i = 0; i < n; i++) perm[i] = perm1[i];
    let flips = 0;
    let k;
    while ((k = perm[0]) !== 0) {
      const k2 = (k + 1) >> 1;
      for (let i = 0; i < k2; i++) {
        const t = perm[i];
        perm[i] = perm[k - i];
        perm[k - i] = t;
      }
      flips++;
    }
    if (flips > maxFlips) maxFlips = flips;
    checksum += permCount % 2 === 0 ? flips : -flips;
    for (;;) {
      if (r === n) return checksum * 1000 + maxFlips;
      const perm0 = perm1[0];
      for (let i = 0; i < r; i++) perm1[i] = perm1[i + 1];
      perm1[r] = perm0;
      count[r] = count[r] - 1;
      if (count[r] > 0) break;
      r++;
    }
    permCount++;
  }
}

export function bench(n) {
  return fannkuch(n);
}

export const sizes = { full: 10, quick: 8 };

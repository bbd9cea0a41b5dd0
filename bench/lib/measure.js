// Timing and statistics. Wall-clock time is process.hrtime.bigint() (monotonic,
// ns); CPU time is process.cpuUsage() (user + system of the whole process, µs,
// so it includes V8's background GC/compiler threads and can exceed wall time
// on this 2-core machine). Rows report wall time; CPU time rides along as
// `cpuMedian` so the two can be compared.

/** Runs `fn` once; returns { wallNs, cpuNs, value }. */
export function timeIt(fn) {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const value = fn();
  const t1 = process.hrtime.bigint();
  const c = process.cpuUsage(c0);
  return { wallNs: Number(t1 - t0), cpuNs: (c.user + c.system) * 1000, value };
}

/** Like timeIt for an async `fn`: the region ends when its promise settles. */
export async function timeItAsync(fn) {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const value = await fn();
  const t1 = process.hrtime.bigint();
  const c = process.cpuUsage(c0);
  return { wallNs: Number(t1 - t0), cpuNs: (c.user + c.system) * 1000, value };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function summarize(xs) {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
}

export function geomean(xs) {
  return Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
}

/** Thrown when one repetition alone blows the job's time budget. */
export class TooSlow extends Error {}

/**
 * Calls `rep(i)` `warmup` times unmeasured, then at least `minReps` times
 * measured (more, up to `maxReps`, while the total stays within `budgetMs`).
 * `rep` returns { metrics, cpu?, wallMs, check? }: `metrics` maps a row key to
 * the figure measured in its unit (e.g. ns per message), `cpu` the same
 * region's CPU time in the same unit, `wallMs` the repetition's wall time
 * (for the budget only), `check` a result that must not change between
 * repetitions. Returns { key: { median, min, max, reps, cpuMedian } } and check.
 */
export async function sample(rep, { warmup, minReps, maxReps, budgetMs, hardLimitMs }) {
  let wallPerRep = 0;
  let check;
  for (let i = 0; i < warmup; i++) {
    const r = await rep(-1 - i);
    wallPerRep = r.wallMs;
    check = r.check;
    if (r.wallMs > hardLimitMs) {
      throw new TooSlow(`too slow: one repetition took ${(r.wallMs / 1000).toFixed(1)} s (limit ${hardLimitMs / 1000} s)`);
    }
  }
  const reps = Math.max(minReps, Math.min(maxReps, Math.floor(budgetMs / Math.max(wallPerRep, 1e-3))));
  const values = {};
  const cpus = {};
  for (let i = 0; i < reps; i++) {
    const r = await rep(i);
    for (const [k, v] of Object.entries(r.metrics)) (values[k] ??= []).push(v);
    for (const [k, v] of Object.entries(r.cpu ?? {})) (cpus[k] ??= []).push(v);
    if (i > 0 || warmup > 0) {
      if (r.check !== check) throw new Error(`result changed between repetitions: ${check} then ${r.check}`);
    }
    check = r.check;
  }
  const stats = {};
  for (const [k, xs] of Object.entries(values)) {
    stats[k] = { ...summarize(xs), reps: xs.length, cpuMedian: cpus[k] ? median(cpus[k]) : null };
  }
  return { stats, check };
}

/**
 * sample() for several variants of one job in one process, alternating them
 * repetition by repetition (A B C, then B C A, …): load from other processes
 * on the machine then falls on every variant alike, so the ratios between
 * them stay fair even when absolute figures drift. `reps` maps a variant to
 * its rep function (as for sample()); the budget counts whole rounds. A
 * variant whose rep throws (or is too slow) is dropped, the others go on.
 * Returns { [variant]: { stats, check } | { error } }.
 */
export async function sampleInterleaved(reps, { warmup, minReps, maxReps, budgetMs, hardLimitMs }) {
  const variants = Object.keys(reps);
  const state = {};
  for (const v of variants) state[v] = { values: {}, cpus: {}, check: undefined, error: null, wallMs: 0, n: 0 };
  const alive = () => variants.filter((v) => !state[v].error);

  async function once(v, measured) {
    const s = state[v];
    try {
      const r = await reps[v](measured ? s.n : -1);
      if (s.n > 0 || s.check !== undefined) {
        if (r.check !== s.check) throw new Error(`result changed between repetitions: ${s.check} then ${r.check}`);
      }
      s.check = r.check;
      if (!measured) {
        s.wallMs = r.wallMs;
        if (r.wallMs > hardLimitMs) {
          throw new TooSlow(`too slow: one repetition took ${(r.wallMs / 1000).toFixed(1)} s (limit ${hardLimitMs / 1000} s)`);
        }
        return;
      }
      s.n++;
      for (const [k, x] of Object.entries(r.metrics)) (s.values[k] ??= []).push(x);
      for (const [k, x] of Object.entries(r.cpu ?? {})) (s.cpus[k] ??= []).push(x);
    } catch (err) {
      s.error = err;
    }
  }

  for (let i = 0; i < warmup; i++) for (const v of alive()) await once(v, false);
  const round = alive().reduce((a, v) => a + state[v].wallMs, 0);
  const rounds = Math.max(minReps, Math.min(maxReps, Math.floor(budgetMs / Math.max(round, 1e-3))));
  for (let i = 0; i < rounds; i++) {
    const order = alive();
    const k = order.length ? i % order.length : 0;
    for (const v of [...order.slice(k), ...order.slice(0, k)]) await once(v, true);
  }

  const out = {};
  for (const v of variants) {
    const s = state[v];
    if (s.error) {
      out[v] = { error: s.error };
      continue;
    }
    const stats = {};
    for (const [k, xs] of Object.entries(s.values)) {
      stats[k] = { ...summarize(xs), reps: xs.length, cpuMedian: s.cpus[k] ? median(s.cpus[k]) : null };
    }
    out[v] = { stats, check: s.check };
  }
  return out;
}

// One benchmark job in its own process:
//   node --expose-gc bench/child.js <workload file> <job name> <rows file> [--quick]
// A job is one workload with one or more variants (several variants of a job
// are measured interleaved, see measure.sampleInterleaved). Appends one JSON
// row per measured figure to <rows file> as soon as it is known, so a later
// crash keeps what was measured. A variant that cannot run (missing runtime,
// failed compile, too slow, wrong result) gets "n/a" rows with the reason
// instead; the process then exits 0. Only an unexpected crash exits non-zero,
// and the parent fills in the rows that are missing.

import { appendFileSync } from "node:fs";
import { TooSlow, sample, sampleInterleaved } from "./lib/measure.js";
import { NotAvailable, loadProgram, loadRuntime, reasonOf } from "./lib/programs.js";
import { WORKLOADS, loadWorkload } from "./lib/workloads.js";

const [file, jobName, rowsFile, ...flags] = process.argv.slice(2);
const quick = flags.includes("--quick");
const w = WORKLOADS.find((x) => x.file === file);
const mod = await loadWorkload(w);
const job = mod.jobs({ quick }).find((j) => j.name === jobName);
if (!job) throw new Error(`no job ${jobName} in ${file}`);

const emitted = new Set();
function emit(key, variant, fields) {
  const spec = job.rows[key];
  const row = { workload: spec.workload, variant, median: null, min: null, max: null, unit: spec.unit, ...fields };
  appendFileSync(rowsFile, JSON.stringify(row) + "\n");
  emitted.add(`${key}\u0000${variant}`);
}

/** Marks the rows of `variants` x `keys` not yet emitted n/a, with err's reason. */
function naRows(err, variants = job.variants, keys = Object.keys(job.rows)) {
  const known = err instanceof NotAvailable || err instanceof TooSlow;
  const reason = known ? err.message : `error: ${reasonOf(err)}`;
  if (!known) process.stderr.write(`${w.id} ${jobName} ${variants.join(",")}: ${err?.stack ?? err}\n`);
  for (const v of variants) {
    for (const key of keys) if (!emitted.has(`${key}\u0000${v}`)) emit(key, v, { note: `n/a: ${reason}` });
  }
}

const limits = quick ? { budgetMs: 0, hardLimitMs: 5000 } : { budgetMs: 4000, hardLimitMs: 30000 };

function record(stats, check, variant) {
  for (const [key, s] of Object.entries(stats)) {
    if (!job.rows[key]) continue;
    emit(key, variant, { median: s.median, min: s.min, max: s.max, reps: s.reps, cpuMedian: s.cpuMedian, check });
  }
}

const ctx = {
  quick,
  loadProgram,
  loadRuntime,
  /** Measures a single-variant job's rep function (see measure.sample). */
  sample: (rep, opts) => sample(rep, { ...limits, ...opts }),
  /** Emits the rows of `stats` (keys of job.rows) for `variant`, with the result check. */
  record: (stats, check, variant = job.variants[0]) => record(stats, check, variant),
  /** Runs `fn`, which records row `key`; if it fails, only that row becomes n/a. */
  async measureRow(key, fn) {
    try {
      await fn();
    } catch (err) {
      naRows(err, job.variants, [key]);
    }
  },
  /**
   * Measures every variant of the job interleaved and records their rows.
   * `makeRep(variant)` returns the variant's rep function; if it throws, that
   * variant alone is n/a.
   */
  async interleave(makeRep, opts) {
    const reps = {};
    const failed = new Map();
    for (const v of job.variants) {
      try {
        reps[v] = await makeRep(v);
      } catch (err) {
        failed.set(v, err);
      }
    }
    const results = Object.keys(reps).length ? await sampleInterleaved(reps, { ...limits, ...opts }) : {};
    for (const v of job.variants) {
      const r = results[v];
      if (failed.has(v)) naRows(failed.get(v), [v]);
      else if (r.error) naRows(r.error, [v]);
      else record(r.stats, r.check, v);
    }
  },
};

try {
  await mod.runJob(job, ctx);
} catch (err) {
  naRows(err);
}
// Tasklets or timers left behind by a failed variant must not keep us alive.
process.exit(0);

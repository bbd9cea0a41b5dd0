// One benchmark job in its own process:
//   node --expose-gc bench/child.js <workload file> <job name> <rows file> [--quick]
// Appends one JSON row per measured figure to <rows file> as soon as it is
// known, so a later crash keeps what was measured. A variant that cannot run
// (missing runtime, failed compile, too slow, wrong result) gets "n/a" rows
// with the reason instead; the process then exits 0. Only an unexpected crash
// exits non-zero, and the parent fills in the rows that are missing.

import { appendFileSync } from "node:fs";
import { TooSlow, sample } from "./lib/measure.js";
import { NotAvailable, loadProgram, loadRuntime, reasonOf } from "./lib/programs.js";
import { WORKLOADS, loadWorkload } from "./lib/workloads.js";

const [file, jobName, rowsFile, ...flags] = process.argv.slice(2);
const quick = flags.includes("--quick");
const w = WORKLOADS.find((x) => x.file === file);
const mod = await loadWorkload(w);
const job = mod.jobs({ quick }).find((j) => j.name === jobName);
if (!job) throw new Error(`no job ${jobName} in ${file}`);

const emitted = new Set();
function emit(key, fields) {
  const spec = job.rows[key];
  const row = {
    workload: spec.workload,
    variant: job.variant,
    median: null,
    min: null,
    max: null,
    unit: spec.unit,
    ...fields,
  };
  appendFileSync(rowsFile, JSON.stringify(row) + "\n");
  emitted.add(key);
}

function naRows(err, keys = Object.keys(job.rows)) {
  const known = err instanceof NotAvailable || err instanceof TooSlow;
  const reason = known ? err.message : `error: ${reasonOf(err)}`;
  if (!known) process.stderr.write(`${w.id} ${jobName}: ${err?.stack ?? err}\n`);
  for (const key of keys) if (!emitted.has(key)) emit(key, { note: `n/a: ${reason}` });
}

const limits = quick
  ? { budgetMs: 0, hardLimitMs: 5000 }
  : { budgetMs: 4000, hardLimitMs: 30000 };

const ctx = {
  quick,
  loadProgram,
  loadRuntime,
  sample: (rep, opts) => sample(rep, { ...limits, ...opts }),
  /** Emits the rows of `stats` (keys of job.rows), with the result check. */
  record(stats, check) {
    for (const [key, s] of Object.entries(stats)) {
      if (!job.rows[key]) continue;
      emit(key, { median: s.median, min: s.min, max: s.max, reps: s.reps, cpuMedian: s.cpuMedian, check });
    }
  },
  /** Runs `fn`, which records row `key`; if it fails, only that row becomes n/a. */
  async measureRow(key, fn) {
    try {
      await fn();
    } catch (err) {
      naRows(err, [key]);
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

#!/usr/bin/env node
// The benchmark suite: `npm run bench [-- options]` (builds first), or
// `node bench/run.js [options]` on an existing build.
//
//   --quick        smoke run: small sizes, 5 repetitions, about 30 s
//   --json FILE    also write one JSON object per row to FILE
//   --only LIST    run only these workloads, e.g. --only W1,W3
//   --doc          replace the results section of docs/PERFORMANCE.md
//
// Each job (one workload with one variant, or with several variants measured
// interleaved) runs in its own child process (node --expose-gc
// bench/child.js ...), one after the other; the parent only compiles the
// programs first, collects rows, computes ratios and prints.
// See docs/PERFORMANCE.md for the method.

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { BENCH_DIR, OUT_DIR, ROOT, STATUS_FILE, programSources } from "./lib/programs.js";
import { WORKLOADS, loadWorkload } from "./lib/workloads.js";
import { finish, jsonLines, machine, table } from "./lib/report.js";
import { median } from "./lib/measure.js";

const USAGE = "usage: node bench/run.js [--quick] [--json FILE] [--only W1,W2,...] [--doc]";

function parseArgs(argv) {
  const args = { quick: false, json: null, only: null, doc: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--quick") args.quick = true;
    else if (a === "--doc") args.doc = true;
    else if (a === "--json" || a === "--only") {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${a} needs a value\n${USAGE}`);
      if (a === "--json") args.json = v;
      else args.only = v.split(",").map((s) => s.trim().toUpperCase());
    } else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const started = Date.now();
// The whole run (after `npm run build`) must stay under 10 minutes on 2 cores;
// past this deadline the remaining jobs are skipped and reported n/a.
const DEADLINE_MS = args.quick ? 120_000 : 540_000;
const JOB_TIMEOUT_MS = args.quick ? 30_000 : 120_000;
const log = (s) => process.stderr.write(s + "\n");

const m = machine();
const loadAtStart = os.loadavg()[0];
log(`stackless-ts bench${args.quick ? " --quick" : ""}: ${m.cpu}, ${m.nproc} cores, node ${m.node}, commit ${m.commit}`);

const PREPARE_TIMEOUT_MS = 120_000;
const status = await compilePrograms();
if (status.compiler !== "ok") log(`bench: compiled variants will be n/a: ${status.compiler}`);

/**
 * Runs bench/prepare.js in a child (compile() may hang or crash while the
 * compiler is being written); on failure records that as every program's
 * compile error, so the compiled variants become n/a with the reason.
 */
async function compilePrograms() {
  const r = await runNode([join(BENCH_DIR, "prepare.js")], PREPARE_TIMEOUT_MS);
  for (const line of r.output.split("\n")) if (line.startsWith("bench: compiling")) log(line);
  if (r.code === 0 && !r.timedOut && existsSync(STATUS_FILE)) return JSON.parse(readFileSync(STATUS_FILE, "utf8"));
  const why = r.timedOut
    ? `compiling the programs timed out after ${PREPARE_TIMEOUT_MS / 1000} s`
    : `compiling the programs crashed (${r.signal ?? `exit ${r.code}`}): ${r.tail.slice(0, 120)}`;
  log(`bench: ${why}\n${r.output.split("\n").slice(-10).join("\n")}`);
  const programs = {};
  for (const file of programSources()) {
    const name = file.replace(/\.(m?js|ts)$/, "");
    programs[name] = { source: file, count: { error: why }, nocount: { error: why } };
  }
  const s = { compiler: why, programs };
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(STATUS_FILE, JSON.stringify(s, null, 2));
  return s;
}

/** Runs `node ...argv` in ROOT; resolves with { code, signal, timedOut, tail, output }. */
function runNode(argv, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (d) => {
      output = (output + d).slice(-4000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const lines = output.trim().split("\n").filter(Boolean);
      resolve({ code, signal, timedOut, tail: lines.slice(-1)[0] ?? "", output });
    });
  });
}

/** Runs one job in a child; resolves with { code, signal, timedOut, tail }. */
function runChild(w, job, rowsFile, timeoutMs) {
  const argv = ["--expose-gc", join(BENCH_DIR, "child.js"), w.file, job.name, rowsFile];
  if (args.quick) argv.push("--quick");
  return runNode(argv, timeoutMs);
}

/**
 * One row per (workload, variant) from the rows of several processes: the median of
 * their medians, the least min and the greatest max; a figure missing in any process is
 * n/a (with that process's note).
 */
function mergeProcesses(perProcess) {
  if (perProcess.length <= 1) return perProcess[0] ?? [];
  const out = [];
  for (const first of perProcess[0]) {
    const same = perProcess.map((rs) => rs.find((r) => r.workload === first.workload && r.variant === first.variant));
    const bad = same.findIndex((r) => r === undefined || r.median === null);
    if (bad >= 0) {
      out.push(same[bad] ?? { ...first, median: null, min: null, max: null, note: "n/a: missing in one process" });
      continue;
    }
    const medians = same.map((r) => r.median).sort((a, b) => a - b);
    out.push({
      ...first,
      median: median(medians),
      min: Math.min(...same.map((r) => r.min)),
      max: Math.max(...same.map((r) => r.max)),
      note: [first.note, `median of ${same.length} processes (${medians.map((m) => +m.toPrecision(3)).join(", ")})`].filter(Boolean).join("; "),
    });
  }
  return out;
}

function readRows(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

const rowsDir = join(OUT_DIR, "rows");
mkdirSync(rowsDir, { recursive: true });
const rows = [];
const specs = new Map();
let jobNo = 0;
for (const w of WORKLOADS) {
  if (args.only && !args.only.includes(w.id)) continue;
  const mod = await loadWorkload(w);
  for (const job of mod.jobs({ quick: args.quick })) {
    for (const spec of Object.values(job.rows)) {
      for (const v of job.variants) specs.set(`${spec.workload}\u0000${v}`, { ...spec, target: spec.targets?.[v] });
    }
    const base = join(rowsDir, `${String(++jobNo).padStart(2, "0")}-${w.id}-${job.name.replace(/\W/g, "_")}`);
    // A job may ask for several processes (job.processes): V8 can settle the same code
    // in a slower or faster state per process (W7's richards: 4.8 or 6.1 G instructions),
    // and one process then decides the ratio alone.
    const processes = args.quick ? 1 : (job.processes ?? 1);
    const perProcess = [];
    let failure = null;
    for (let p = 0; p < processes && failure === null; p++) {
      const rowsFile = `${base}${processes > 1 ? `-p${p + 1}` : ""}.jsonl`;
      const left = DEADLINE_MS - (Date.now() - started);
      if (left < 5000) {
        failure = "skipped: the run's time budget was used up";
        break;
      }
      const t0 = Date.now();
      const r = await runChild(w, job, rowsFile, Math.min(JOB_TIMEOUT_MS, left));
      const secs = ((Date.now() - t0) / 1000).toFixed(1);
      log(`  ${w.id} ${job.name.padEnd(22)} ${secs.padStart(6)} s${processes > 1 ? ` (process ${p + 1} of ${processes})` : ""}${r.code ? `  (exit ${r.code})` : ""}`);
      if (r.timedOut) failure = `timed out after ${Math.round(Math.min(JOB_TIMEOUT_MS, left) / 1000)} s`;
      else if (r.code !== 0) {
        failure = `child ${r.signal ? `killed by ${r.signal}` : `exited ${r.code}`}: ${r.tail.slice(0, 140)}`;
        log(r.output.split("\n").slice(-15).join("\n"));
      }
      perProcess.push(readRows(rowsFile));
    }
    const got = mergeProcesses(perProcess);
    for (const spec of Object.values(job.rows)) {
      for (const v of job.variants) {
        const row = got.find((g) => g.workload === spec.workload && g.variant === v);
        rows.push(
          row ?? {
            workload: spec.workload,
            variant: v,
            median: null,
            min: null,
            max: null,
            unit: spec.unit,
            note: `n/a: ${failure ?? "no row reported"}`,
          },
        );
      }
    }
  }
}

// Order: by workload as the jobs declared them, variants in job order.
const order = [...new Set(rows.map((r) => r.workload))];
rows.sort((a, b) => order.indexOf(a.workload) - order.indexOf(b.workload));
const final = finish(rows, specs);
const elapsed = (Date.now() - started) / 1000;

const md = table(final);
console.log(md);
log(`bench: load average (1 min) ${loadAtStart.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end`);
log(`\nbench: ${final.length} rows, ${final.filter((r) => r.median === null).length} n/a, ${elapsed.toFixed(0)} s`);

if (args.json) {
  writeFileSync(args.json, jsonLines(final) + "\n");
  log(`bench: wrote ${args.json}`);
}

/** "n/a" reasons of the run, each once, with how many rows it took out. */
function naSummary(rows) {
  const counts = new Map();
  for (const r of rows) if (r.note?.startsWith("n/a: ")) counts.set(r.note.slice(5), (counts.get(r.note.slice(5)) ?? 0) + 1);
  if (counts.size === 0) return [];
  return ["Rows marked n/a in this run, by reason:", "", ...[...counts].map(([why, n]) => `- ${n} row${n > 1 ? "s" : ""}: ${why}`), ""];
}

if (args.doc) {
  const docFile = join(ROOT, "docs", "PERFORMANCE.md");
  const BEGIN = "<!-- results:begin -->";
  const END = "<!-- results:end -->";
  const doc = readFileSync(docFile, "utf8");
  const i = doc.indexOf(BEGIN);
  const j = doc.indexOf(END);
  if (i < 0 || j < i) throw new Error(`${docFile} has no ${BEGIN} ... ${END} section`);
  const argText = process.argv.slice(2).join(" ");
  // npm sets npm_lifecycle_event; say which command really ran.
  const cmd =
    process.env.npm_lifecycle_event === "bench"
      ? `npm run bench${argText ? " -- " + argText : ""}`
      : `node bench/run.js${argText ? " " + argText : ""}`;
  const section = [
    BEGIN,
    "",
    `Run on ${new Date().toISOString().slice(0, 10)} with \`${cmd}\` (${elapsed.toFixed(0)} s for the benchmarks), commit ${m.commit}.`,
    "",
    `Machine: ${m.cpu}, ${m.nproc} cores (nproc), ${m.memory} RAM, ${m.os}; Node ${m.node} (V8 ${m.v8}).`,
    "",
    `Load average (1 min) at the start and the end of the run: ${loadAtStart.toFixed(2)} and ${os.loadavg()[0].toFixed(2)}` +
      ` (other processes on the ${m.nproc} cores distort every figure; compare within one run).`,
    "",
    md,
    "",
    ...naSummary(final),
    END,
  ].join("\n");
  writeFileSync(docFile, doc.slice(0, i) + section + doc.slice(j + END.length));
  log(`bench: updated ${docFile}`);
}

// Turning the rows of one run into ratios, target verdicts, a Markdown
// table and the JSON lines of `--json`.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { geomean } from "./measure.js";

/**
 * Completes rows in place and returns the final list:
 * - a row whose `check` differs from its baseline's becomes n/a (wrong result);
 * - ratio = median / baseline median (same workload), 1 for the baseline itself;
 * - W2 gets a geomean row over the programs measured in both variants;
 * - rows with a target get `met`.
 */
export function finish(rows, specs) {
  const find = (workload, variant) => rows.find((r) => r.workload === workload && r.variant === variant);
  for (const r of rows) {
    const spec = specs.get(`${r.workload}\u0000${r.variant}`);
    r.baseline = spec?.baseline ?? null;
    r.params = spec?.params ?? null;
    if (spec?.target) r.target = spec.target;
    if (spec?.higherIsBetter) r.higherIsBetter = true;
  }
  for (const r of rows) {
    if (r.median !== null && typeof r.check === "string" && r.check !== "ok") {
      r.note = `n/a: wrong result (${r.check})`;
      r.median = r.min = r.max = null;
    }
  }
  for (const r of rows) {
    const base = r.baseline && find(r.workload, r.baseline);
    if (r.median !== null && base && base !== r && base.median !== null && base.check !== undefined && r.check !== base.check) {
      r.note = `n/a: wrong result (${r.check}; ${r.baseline} gave ${base.check})`;
      r.median = r.min = r.max = null;
    }
  }
  for (const r of rows) {
    const base = r.baseline && find(r.workload, r.baseline);
    r.ratio = r.median !== null && base && base.median ? r.median / base.median : null;
  }
  const w2 = rows.filter((r) => r.workload.startsWith("W2 ") && r.variant === "compiled");
  if (w2.length) {
    const ratios = w2.filter((r) => r.ratio !== null).map((r) => r.ratio);
    const g = ratios.length ? geomean(ratios) : null;
    const geo = {
      workload: "W2 geomean",
      variant: "compiled",
      median: g,
      min: ratios.length ? Math.min(...ratios) : null,
      max: ratios.length ? Math.max(...ratios) : null,
      unit: "x native",
      ratio: g,
      baseline: "native",
      params: "geometric mean of the W2 ratios; min/max: the extreme ratios",
      target: { maxRatio: 1.5, text: "≤ 1.5x native" },
      note:
        ratios.length === w2.length
          ? null
          : ratios.length
            ? `over ${ratios.length} of ${w2.length} programs`
            : "n/a: no W2 program ran compiled",
    };
    rows.splice(rows.indexOf(w2[w2.length - 1]) + 1, 0, geo);
  }
  for (const r of rows) {
    if (!r.target) continue;
    if (r.target.maxRatio !== undefined) r.met = r.ratio === null ? null : r.ratio <= r.target.maxRatio;
    if (r.target.maxValue !== undefined) r.met = r.median === null ? null : r.median <= r.target.maxValue;
  }
  return rows;
}

/** One JSON object per row, the fields the issue fixes first. */
export function jsonLines(rows) {
  return rows
    .map((r) =>
      JSON.stringify({
        workload: r.workload,
        variant: r.variant,
        median: r.median,
        min: r.min,
        max: r.max,
        unit: r.unit,
        ratio: r.ratio,
        baseline: r.baseline,
        params: r.params,
        reps: r.reps ?? null,
        cpuMedian: r.cpuMedian ?? null,
        target: r.target?.text ?? null,
        met: r.met ?? null,
        note: r.note ?? null,
      }),
    )
    .join("\n");
}

export function fmt(x) {
  if (x === null || x === undefined || Number.isNaN(x)) return "—";
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString("en-US");
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  return x.toPrecision(2);
}

function ratioText(r) {
  if (r.ratio === null) return "—";
  if (r.variant === r.baseline) return "1 (baseline)";
  return `${r.ratio.toFixed(2)}x`;
}

function targetText(r) {
  if (!r.target) return "";
  const verdict = r.met === null ? "n/a" : r.met ? "met" : "**missed**";
  return `${r.target.text}: ${verdict}`;
}

/** A Markdown table; params are shown once per run of equal values. */
export function table(rows) {
  const out = [
    "| workload | params | variant | median | min – max | unit | ratio | target | note |",
    "|---|---|---|---:|---:|---|---:|---|---|",
  ];
  let lastParams = null;
  let lastWorkload = null;
  for (const r of rows) {
    const params = r.params === lastParams && r.workload === lastWorkload ? "" : r.params ?? "";
    lastParams = r.params;
    lastWorkload = r.workload;
    const range = r.median === null ? "—" : `${fmt(r.min)} – ${fmt(r.max)}`;
    const note = (r.note ?? "").replace(/\|/g, "\\|");
    out.push(
      `| ${r.workload} | ${params} | ${r.variant} | ${fmt(r.median)} | ${range} | ${r.unit} | ${ratioText(r)} | ${targetText(r)} | ${note} |`,
    );
  }
  return out.join("\n");
}

export function machine() {
  let cpu = os.cpus()[0]?.model ?? "unknown";
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (m) cpu = m[1].trim();
  } catch {}
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {}
  return {
    cpu,
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    v8: process.versions.v8,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    commit,
  };
}

// The workload modules, in run order. Each exports
//   jobs({ quick }) -> [{ name, variants: [...], rows: { key: RowSpec }, ...params }]
//   runJob(job, ctx)  (in a child process; see bench/child.js)
// where RowSpec = { workload, params, unit, baseline, targets?: { variant: Target },
// higherIsBetter? } and Target = { maxRatio | maxValue, text }.
// A job runs in its own process. Jobs with several variants (W1, W2, W6)
// measure them interleaved, so background load hits each alike; W3-W5 give
// each variant its own process, so schedulers, heaps (W4 measures the heap)
// and crashes stay apart. The parent computes ratios from rows of one run.

export const WORKLOADS = [
  { id: "W1", file: "w1-calls.js", title: "calls" },
  { id: "W2", file: "w2-cpu.js", title: "CPU programs" },
  { id: "W3", file: "w3-switching.js", title: "switching" },
  { id: "W4", file: "w4-scale.js", title: "scale" },
  { id: "W5", file: "w5-snapshot.js", title: "snapshots" },
  { id: "W6", file: "w6-compile.js", title: "compile" },
  { id: "W7", file: "w7-counting.js", title: "counting cost" },
  { id: "W8", file: "w8-latency.js", title: "interrupt latency" },
];

export async function loadWorkload(w) {
  return import(new URL(`../workloads/${w.file}`, import.meta.url).href);
}

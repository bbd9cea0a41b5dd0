// The workload modules, in run order. Each exports
//   jobs({ quick }) -> [{ name, variant, rows: { key: RowSpec }, ...params }]
//   runJob(job, ctx)  (in a child process; see bench/child.js)
// where RowSpec = { workload, params, unit, baseline, target?, higherIsBetter? }.
// A job runs in its own process, so one variant's JIT state, heap or crash
// never touches another's; ratios are computed by the parent from rows of
// the same run.

export const WORKLOADS = [
  { id: "W1", file: "w1-calls.js", title: "calls" },
  { id: "W2", file: "w2-cpu.js", title: "CPU programs" },
  { id: "W3", file: "w3-switching.js", title: "switching" },
  { id: "W4", file: "w4-scale.js", title: "scale" },
  { id: "W5", file: "w5-snapshot.js", title: "snapshots" },
  { id: "W6", file: "w6-compile.js", title: "compile" },
];

export async function loadWorkload(w) {
  return import(new URL(`../workloads/${w.file}`, import.meta.url).href);
}

// Helpers that turn one timed region into what measure.sample() expects.

import { timeIt, timeItAsync } from "./measure.js";

const MS = 1e6;

/** A synchronous repetition measured in ms: { metrics: { [key]: ms } }. */
export function msRep(key, fn) {
  const m = timeIt(fn);
  return { metrics: { [key]: m.wallNs / MS }, cpu: { [key]: m.cpuNs / MS }, wallMs: m.wallNs / MS, check: m.value };
}

/** A measurement `m` (from timeIt) expressed per operation, in ns. */
export function perOp(m, ops) {
  return { value: m.wallNs / ops, cpu: m.cpuNs / ops, wallMs: m.wallNs / MS };
}

export { timeIt, timeItAsync };

/** Full collection, so heap figures measure live objects only (needs --expose-gc). */
export function heapAfterGc() {
  if (typeof globalThis.gc !== "function") throw new Error("run with node --expose-gc");
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

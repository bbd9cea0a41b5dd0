// W5 snapshots: 10,000 tasklets blocked 10 frames deep with a few locals:
// pickle and unpickle time for all of them at once, and bytes per frame.
// Baselines: msgpackr pack/unpack and JSON.stringify/parse (to UTF-8 bytes)
// of an equivalent plain-data structure: per tasklet an id, its channel (by
// number) and 10 frame objects { fn, pc, vars } with the same locals the
// compiled frame holds (parameters, locals; temporaries as null).

import { pack, unpack } from "msgpackr";
import { NotAvailable } from "../lib/programs.js";
import { timeIt } from "../lib/rep.js";

const VARIANTS = ["msgpackr", "stackless", "JSON"];
const DEPTH = 10;

export function jobs({ quick }) {
  const count = quick ? 1000 : 10000;
  const params = `${count} tasklets x ${DEPTH} frames`;
  return VARIANTS.map((variant) => ({
    name: variant,
    variant,
    variants: [variant],
    count,
    rows: {
      pickle: { workload: "W5 pickle", params, unit: "ms", baseline: "msgpackr" },
      unpickle: { workload: "W5 unpickle", params, unit: "ms", baseline: "msgpackr" },
      size: { workload: "W5 size", params, unit: "bytes/frame", baseline: "msgpackr" },
    },
  }));
}

/** The plain-data equivalent of what the compiled program's frames hold. */
export function plainSnapshot(count, depth) {
  const tasklets = new Array(count);
  for (let i = 0; i < count; i++) {
    const channel = { id: i, balance: -1 };
    const frames = [];
    let a = i;
    let b = 1;
    for (let d = depth; d >= 1; d--) {
      const label = "L" + d;
      const x = a * 2 + b;
      frames.push({
        fn: "bench/programs/snapshot.js#level",
        pc: d === 1 ? 1 : 2,
        vars: [d, channel.id, a, b, label, [d, a], x, null, null],
      });
      b = label.length;
      a = x;
    }
    tasklets[i] = { id: i + 2, blockedOn: channel, frames };
  }
  return tasklets;
}

const MS = 1e6;

function formats(variant) {
  if (variant === "msgpackr") return { dump: (v) => pack(v), load: (b) => unpack(b), size: (b) => b.length };
  return { dump: (v) => JSON.stringify(v), load: (s) => JSON.parse(s), size: (s) => Buffer.byteLength(s) };
}

export async function runJob(job, ctx) {
  const { count } = job;
  const frames = count * DEPTH;
  let value;
  let dump;
  let load;
  let size;
  if (job.variant === "stackless") {
    const rt = await ctx.loadRuntime();
    if (typeof rt.pickle !== "function" || typeof rt.unpickle !== "function") {
      throw new NotAvailable("stackless-ts exports no pickle()/unpickle() yet");
    }
    const prog = await ctx.loadProgram("snapshot", "compiled");
    value = prog.setupBlocked(count, DEPTH);
    rt.run();
    if (!value.every((t) => t.blocked)) throw new Error("not every tasklet blocked");
    dump = (v) => rt.pickle(v);
    load = (b) => rt.unpickle(b);
    size = (b) => b.length;
  } else {
    value = plainSnapshot(count, DEPTH);
    ({ dump, load, size } = formats(job.variant));
  }
  const { stats, check } = await ctx.sample(
    () => {
      const p = timeIt(() => dump(value));
      const u = timeIt(() => load(p.value));
      const restored = u.value;
      const ok = Array.isArray(restored) && restored.length === count;
      return {
        metrics: { pickle: p.wallNs / MS, unpickle: u.wallNs / MS, size: size(p.value) / frames },
        cpu: { pickle: p.cpuNs / MS, unpickle: u.cpuNs / MS },
        wallMs: (p.wallNs + u.wallNs) / MS,
        check: ok ? "ok" : "restored value is not an array of the same length",
      };
    },
    { warmup: 1, minReps: 5, maxReps: ctx.quick ? 5 : 9 },
  );
  ctx.record(stats, check);
}

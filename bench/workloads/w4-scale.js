// W4 scale: 100,000 tasks, each blocked on its own channel.
//   create  ns per task: make its channel and the task, and run it until it blocks
//   memory  bytes per task: heap used after a full GC with all of them blocked,
//           minus the heap before; it includes the task's channel, its slot in
//           the array of channels, and the scheduler's share
//   wake    ns per task: one waker sends a value on every channel; until all
//           receivers have finished
// The same three baselines as W3. js-csp's go() runs the block at once, so its
// create figure has no separate "run" step; async functions likewise.

import { GenChannel, GenScheduler } from "../baselines/gen-sched.js";
import { PromiseChannel } from "../baselines/promise-channel.js";
import { heapAfterGc, perOp, timeIt, timeItAsync } from "../lib/rep.js";

const VARIANTS = ["generators", "stackless", "js-csp", "async-await"];

export function jobs({ quick }) {
  const n = quick ? 10000 : 100000;
  return VARIANTS.map((variant) => ({
    name: variant,
    variant,
    variants: [variant],
    n,
    rows: {
      create: { workload: "W4 create", params: `${n} tasks, each until blocked`, unit: "ns/task", baseline: "generators" },
      memory: { workload: "W4 memory", params: `${n} blocked tasks, heap after GC`, unit: "bytes/task", baseline: "generators" },
      wake: { workload: "W4 wake", params: `${n} sends, one per channel`, unit: "ns/task", baseline: "generators" },
    },
  }));
}

// Each implementation: create(n, out) -> { m, state } (all blocked when m ends),
// wake(state, out) -> { m } (all receivers done when m ends).

// `out.woken += yield …` would read out.woken before blocking: take the value first.
function* genBlocker(ch, out) {
  const v = yield ch.recv();
  out.woken += v;
}
function* genWaker(chans) {
  for (let i = 0; i < chans.length; i++) yield chans[i].send(1);
}

const generators = {
  create(n, out) {
    let state;
    const m = timeIt(() => {
      const sched = new GenScheduler();
      const chans = new Array(n);
      for (let i = 0; i < n; i++) {
        const ch = new GenChannel();
        chans[i] = ch;
        sched.spawn(genBlocker, ch, out);
      }
      sched.run();
      state = { sched, chans };
    });
    return { m, state };
  },
  wake(state) {
    return {
      m: timeIt(() => {
        state.sched.spawn(genWaker, state.chans);
        state.sched.run();
      }),
    };
  },
};

async function stacklessImpl(ctx) {
  const rt = await ctx.loadRuntime();
  const prog = await ctx.loadProgram("scale", "compiled");
  return {
    create(n, out) {
      let chans;
      const m = timeIt(() => {
        chans = prog.setupBlocked(n, out);
        rt.run();
      });
      return { m, state: chans };
    },
    wake(chans) {
      return {
        m: timeIt(() => {
          prog.setupWaker(chans);
          rt.run();
        }),
      };
    },
  };
}

async function cspImpl() {
  const { default: csp } = await import("js-csp");
  function* blocker(ch, out) {
    const v = yield csp.take(ch);
    out.woken += v;
    if (out.woken === out.n) out.done();
  }
  function* waker(chans) {
    for (let i = 0; i < chans.length; i++) yield csp.put(chans[i], 1);
  }
  return {
    create(n, out) {
      let chans;
      const m = timeIt(() => {
        chans = new Array(n);
        for (let i = 0; i < n; i++) {
          const ch = csp.chan();
          chans[i] = ch;
          csp.go(blocker, [ch, out]);
        }
      });
      return { m, state: chans };
    },
    async wake(chans, out) {
      const m = await timeItAsync(
        () =>
          new Promise((done) => {
            out.done = done;
            csp.go(waker, [chans]);
          }),
      );
      return { m };
    },
  };
}

async function asyncBlocker(ch, out) {
  const v = await ch.receive();
  out.woken += v;
  if (out.woken === out.n) out.done();
}
async function asyncWaker(chans) {
  for (let i = 0; i < chans.length; i++) await chans[i].send(1);
}

const asyncAwait = {
  create(n, out) {
    let chans;
    const m = timeIt(() => {
      chans = new Array(n);
      for (let i = 0; i < n; i++) {
        const ch = new PromiseChannel();
        chans[i] = ch;
        asyncBlocker(ch, out);
      }
    });
    return { m, state: chans };
  },
  async wake(chans, out) {
    const m = await timeItAsync(
      () =>
        new Promise((done) => {
          out.done = done;
          asyncWaker(chans);
        }),
    );
    return { m };
  },
};

async function implFor(variant, ctx) {
  if (variant === "stackless") return stacklessImpl(ctx);
  if (variant === "generators") return generators;
  if (variant === "js-csp") return cspImpl();
  if (variant === "async-await") return asyncAwait;
  throw new Error(`unknown variant ${variant}`);
}

export async function runJob(job, ctx) {
  const impl = await implFor(job.variant, ctx);
  const n = job.n;
  const { stats, check } = await ctx.sample(
    async () => {
      const out = { woken: 0, n, done: null };
      const before = heapAfterGc();
      const created = impl.create(n, out);
      const bytes = (heapAfterGc() - before) / n;
      const woke = await impl.wake(created.state, out);
      const c = perOp(created.m, n);
      const w = perOp(woke.m, n);
      return {
        metrics: { create: c.value, memory: bytes, wake: w.value },
        cpu: { create: c.cpu, wake: w.cpu },
        wallMs: c.wallMs + w.wallMs,
        check: out.woken === n ? "ok" : `woken ${out.woken} of ${n}`,
      };
    },
    { warmup: 1, minReps: 5, maxReps: 5 },
  );
  ctx.record(stats, check);
}

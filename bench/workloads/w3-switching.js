// W3 switching: two tasklets exchanging messages over a channel, and
// schedule() round-robin among 2 and among 1,000 tasklets, against three
// baselines measured in the same run: a minimal scheduler over native
// generators, js-csp go-blocks, async/await with a promise-based channel.
//
// Figures are ns per message (a send matched with a receive) and ns per
// schedule() call (one switch). Only the switching is timed: tasks are
// created before the clock starts, except for js-csp, whose go() runs the
// block at once (its 2 or 1,000 go() calls are inside the region, a cost
// below 1% there). js-csp resumes every go-block through setImmediate, so it
// runs a fifth of the operations (it would take minutes otherwise).

import { GenChannel, GenScheduler } from "../baselines/gen-sched.js";
import { PromiseChannel } from "../baselines/promise-channel.js";
import { perOp, timeIt, timeItAsync } from "../lib/rep.js";

const VARIANTS = ["generators", "stackless", "js-csp", "async-await"];

/** 1000000 -> "10^6", 200000 -> "2x10^5". */
function count(n) {
  const e = Math.floor(Math.log10(n));
  const m = n / 10 ** e;
  return m === 1 ? `10^${e}` : `${m}x10^${e}`;
}

function sizes(quick, variant) {
  const n = quick ? 100000 : 1000000;
  return variant === "js-csp" ? n / 5 : n;
}

export function jobs({ quick }) {
  return VARIANTS.map((variant) => {
    const n = sizes(quick, variant);
    const target = (ns) => ({ stackless: { maxValue: ns, text: `≤ ${ns} ns` } });
    return {
      name: variant,
      variant,
      variants: [variant],
      n,
      rows: {
        channel: {
          workload: "W3 channel",
          params: `${count(n)} messages, 2 tasklets`,
          unit: "ns/msg",
          baseline: "generators",
          targets: target(30),
        },
        ring2: {
          workload: "W3 schedule x2",
          params: `${count(n)} schedule(), 2 tasklets`,
          unit: "ns/switch",
          baseline: "generators",
          targets: target(25),
        },
        ring1000: {
          workload: "W3 schedule x1000",
          params: `${count(n)} schedule(), 1000 tasklets`,
          unit: "ns/switch",
          baseline: "generators",
          targets: target(25),
        },
      },
    };
  });
}

const sum = (n) => (n * (n - 1)) / 2;

// ---- generators -----------------------------------------------------------

function* genSender(ch, n) {
  for (let i = 0; i < n; i++) yield ch.send(i);
}
function* genReceiver(ch, n, out) {
  let s = 0;
  for (let i = 0; i < n; i++) s += yield ch.recv();
  out.sum = s;
}
function* genYielder(m, out) {
  for (let i = 0; i < m; i++) yield;
  out.done++;
}

const generators = {
  channel(n) {
    const sched = new GenScheduler();
    const ch = new GenChannel();
    const out = { sum: 0 };
    sched.spawn(genSender, ch, n);
    sched.spawn(genReceiver, ch, n, out);
    const m = timeIt(() => sched.run());
    return { m, check: out.sum === sum(n) ? "ok" : `sum ${out.sum}` };
  },
  ring(k, m) {
    const sched = new GenScheduler();
    const out = { done: 0 };
    for (let i = 0; i < k; i++) sched.spawn(genYielder, m, out);
    const t = timeIt(() => sched.run());
    return { m: t, check: out.done === k ? "ok" : `done ${out.done}` };
  },
};

// ---- stackless-ts ---------------------------------------------------------

async function stacklessImpl(ctx) {
  const rt = await ctx.loadRuntime();
  const prog = await ctx.loadProgram("switching", "compiled");
  return {
    channel(n) {
      const out = prog.setupPingPong(n);
      const m = timeIt(() => rt.run());
      return { m, check: out.sum === sum(n) ? "ok" : `sum ${out.sum}` };
    },
    ring(k, m) {
      const out = prog.setupRing(k, m);
      const t = timeIt(() => rt.run());
      return { m: t, check: out.done === k ? "ok" : `done ${out.done}` };
    },
  };
}

// ---- js-csp ---------------------------------------------------------------

async function cspImpl() {
  const { default: csp } = await import("js-csp");
  function* sender(ch, n) {
    for (let i = 0; i < n; i++) yield csp.put(ch, i);
  }
  function* receiver(ch, n, out, done) {
    let s = 0;
    for (let i = 0; i < n; i++) s += yield csp.take(ch);
    out.sum = s;
    done();
  }
  function* yielder(m, out, done) {
    // yielding a plain value is js-csp's "give way": the block resumes in a later turn
    for (let i = 0; i < m; i++) yield null;
    if (++out.done === out.k) done();
  }
  return {
    async channel(n) {
      const ch = csp.chan();
      const out = { sum: 0 };
      const m = await timeItAsync(
        () =>
          new Promise((done) => {
            csp.go(sender, [ch, n]);
            csp.go(receiver, [ch, n, out, done]);
          }),
      );
      return { m, check: out.sum === sum(n) ? "ok" : `sum ${out.sum}` };
    },
    async ring(k, m) {
      const out = { done: 0, k };
      const t = await timeItAsync(
        () =>
          new Promise((done) => {
            for (let i = 0; i < k; i++) csp.go(yielder, [m, out, done]);
          }),
      );
      return { m: t, check: out.done === k ? "ok" : `done ${out.done}` };
    },
  };
}

// ---- async/await ----------------------------------------------------------

async function asyncSender(ch, n) {
  for (let i = 0; i < n; i++) await ch.send(i);
}
async function asyncReceiver(ch, n, out) {
  let s = 0;
  for (let i = 0; i < n; i++) s += await ch.receive();
  out.sum = s;
}
async function asyncYielder(m, out) {
  for (let i = 0; i < m; i++) await null;
  out.done++;
}

const asyncAwait = {
  async channel(n) {
    const ch = new PromiseChannel();
    const out = { sum: 0 };
    const m = await timeItAsync(() => Promise.all([asyncSender(ch, n), asyncReceiver(ch, n, out)]));
    return { m, check: out.sum === sum(n) ? "ok" : `sum ${out.sum}` };
  },
  async ring(k, m) {
    const out = { done: 0 };
    const tasks = new Array(k);
    const t = await timeItAsync(() => {
      for (let i = 0; i < k; i++) tasks[i] = asyncYielder(m, out);
      return Promise.all(tasks);
    });
    return { m: t, check: out.done === k ? "ok" : `done ${out.done}` };
  },
};

// ---- the job --------------------------------------------------------------

async function implFor(variant, ctx) {
  switch (variant) {
    case "stackless":
      return stacklessImpl(ctx);
    case "generators":
      return generators;
    case "js-csp":
      return cspImpl();
    case "async-await":
      return asyncAwait;
  }
  throw new Error(`unknown variant ${variant}`);
}

export async function runJob(job, ctx) {
  const impl = await implFor(job.variant, ctx);
  const n = job.n;
  const opts = { warmup: 1, minReps: 5, maxReps: ctx.quick ? 5 : 9 };
  const measure = (key, ops, run) =>
    ctx.sample(async () => {
      const { m, check } = await run();
      const p = perOp(m, ops);
      return { metrics: { [key]: p.value }, cpu: { [key]: p.cpu }, wallMs: p.wallMs, check };
    }, opts);

  const rows = [
    ["channel", n, () => impl.channel(n)],
    ["ring2", n, () => impl.ring(2, n / 2)],
    ["ring1000", n, () => impl.ring(1000, n / 1000)],
  ];
  for (const [key, ops, run] of rows) {
    await ctx.measureRow(key, async () => {
      const { stats, check } = await measure(key, ops, run);
      ctx.record(stats, check);
    });
  }
}

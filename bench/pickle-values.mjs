#!/usr/bin/env node
// Micro-measure of the pickling value layer (not a test): bytes and milliseconds of
// pickle/unpickle against msgpackr and JSON on the same data.
//
//   npm run build --silent && node --expose-gc bench/pickle-values.mjs [--quick]
//
// Workloads
//   records   100,000 small records { id, name, email, active, score, tags, created }
//   tasklets  10,000 tasklets x 10 frames of a few locals, as frame records linked by
//             `back` (the runtime's shape). "plain" is the equivalent structure with the
//             function replaced by its code id string, what msgpackr/JSON can encode.
// msgpackr rows: `pack` (defaults: maps, no identity) and `Packr({ structuredClone })`
// (identity kept, as pickle keeps it). Times are the fastest of several runs after
// warm-up, in one process, with a GC before each run (--expose-gc): the minimum is what
// holds steady on a shared, busy machine; the median moved by 2x between runs there.
import { pack, unpack, Packr } from "msgpackr";

const dist = new URL("../dist/runtime/pickle/index.js", import.meta.url);
const { pickle, unpickle, registerKind, registerModuleBinding, writeFrameChain, readFrameChain, EXT } = await import(dist.href);

const quick = process.argv.includes("--quick");
const RUNS = quick ? 3 : 15;


function time(fn) {
  fn();
  fn();
  const ts = [];
  for (let i = 0; i < RUNS; i++) {
    globalThis.gc?.();
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  return Math.min(...ts);
}

const rows = [];
function row(workload, codec, encode, decode) {
  let bytes;
  const enc = time(() => (bytes = encode()));
  const dec = time(() => decode(bytes));
  const size = typeof bytes === "string" ? Buffer.byteLength(bytes) : bytes.length;
  rows.push({ workload, codec, bytes: size, encMs: enc, decMs: dec });
}

// --- records ----------------------------------------------------------------------
const N = quick ? 20_000 : 100_000;
const records = Array.from({ length: N }, (_, i) => ({
  id: i,
  name: `user${i}`,
  email: `user${i}@example.com`,
  active: i % 3 !== 0,
  score: (i * 7919) % 1000 / 7,
  tags: i % 2 ? ["a", "b"] : ["c"],
  created: 1_700_000_000_000 + i * 1000,
}));
const sc = new Packr({ structuredClone: true });
row(`records x${N}`, "pickle", () => pickle(records), (b) => unpickle(b));
row(`records x${N}`, "msgpackr pack", () => pack(records), (b) => unpack(b));
row(`records x${N}`, "msgpackr structuredClone", () => sc.pack(records), (b) => sc.unpack(b));
row(`records x${N}`, "JSON", () => JSON.stringify(records), (s) => JSON.parse(s));

// --- tasklets ---------------------------------------------------------------------
const T = quick ? 2_000 : 10_000;
const FRAMES = 10;
class FakeTasklet {
  id = 0;
  top = null;
}
registerKind({
  code: EXT.RUNTIME_49,
  name: "bench tasklet",
  classes: [FakeTasklet],
  create: () => new FakeTasklet(),
  body(t, w) {
    w.write(t.id);
    writeFrameChain(w, t.top);
  },
  fill(t, r) {
    t.id = r.readUint();
    t.top = readFrameChain(r);
  },
});
const codes = Array.from({ length: FRAMES }, (_, i) => ({ id: `src/app.ts#step${i}`, hash: "9f2c4e1a", name: `step${i}` }));
const fns = codes.map((code, i) => {
  const fn = Object.assign(function step() {}, { [Symbol.for("stackless-ts/code")]: code });
  registerModuleBinding("src/app.ts", `step${i}`, fn);
  return fn;
});
const tasklets = [];
const plain = [];
for (let t = 0; t < T; t++) {
  const tk = new FakeTasklet();
  tk.id = t + 2;
  let back = null;
  let pback = null;
  for (let f = FRAMES - 1; f >= 0; f--) {
    const vars = [t * f, `item${f}`, f % 2 === 0, { n: f }];
    back = { fn: fns[f], pc: f + 1, self: undefined, vars, newTarget: undefined, back };
    pback = { fn: codes[f].id, pc: f + 1, self: null, vars, newTarget: null, back: pback };
  }
  tk.top = back;
  tasklets.push(tk);
  plain.push({ id: t + 2, top: pback });
}
row(`tasklets ${T}x${FRAMES}`, "pickle (tasklet kind + frame chain)", () => pickle(tasklets), (b) => unpickle(b));
row(`tasklets ${T}x${FRAMES} plain`, "pickle", () => pickle(plain), (b) => unpickle(b));
row(`tasklets ${T}x${FRAMES} plain`, "msgpackr pack", () => pack(plain), (b) => unpack(b));
row(`tasklets ${T}x${FRAMES} plain`, "msgpackr structuredClone", () => sc.pack(plain), (b) => sc.unpack(b));
row(`tasklets ${T}x${FRAMES} plain`, "JSON", () => JSON.stringify(plain), (s) => JSON.parse(s));

// --- report -----------------------------------------------------------------------
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
console.log(`node ${process.version}, fastest of ${RUNS} runs${globalThis.gc ? ", gc before each" : " (run with --expose-gc)"}`);
console.log(`${pad("workload", 26)}${pad("codec", 38)}${lpad("bytes", 12)}${lpad("encode ms", 11)}${lpad("decode ms", 11)}`);
for (const r of rows) {
  console.log(`${pad(r.workload, 26)}${pad(r.codec, 38)}${lpad(r.bytes.toLocaleString("en"), 12)}${lpad(r.encMs.toFixed(1), 11)}${lpad(r.decMs.toFixed(1), 11)}`);
}

// A tasklet paused inside a for-of (or yield*, array pattern, for await) over a Map, a Set,
// `x.entries()/keys()/values()` of a Map, Set or Array pickles: the loop walks a runtime
// cursor over the native iterator (runtime/collection-cursor.ts); over a string, a
// StringWalker (runtime/string-walker.ts). Each case runs a
// tasklet to its pause, pickles it, lets the original finish, then runs the copy: both
// must log the same, and the same as the loop run natively (uncompiled) does.
import { describe, it, expect, beforeAll } from "vitest";
import { Tasklet, run, schedule, pickle, unpickle, PickleError } from "stackless-ts";
import { loadTaskletModule } from "../helpers/compiled.js";
import { CollectionCursor } from "../../runtime/collection-cursor.js";
import { StringWalker } from "../../runtime/string-walker.js";

// Plain JavaScript (no types), so that it also runs natively. Every scenario: f(log) iterates, logs each step, and schedules at some steps;
// mutations happen before and after the pauses.
const SCENARIOS = `
export function mapPlain(log) {
  const m = new Map([["a", 1], ["b", 2], ["c", 3], ["d", 4]]);
  for (const [k, v] of m) { log.push(k + v); if (k === "b") schedule(); }
}
export function mapDeleteCurrent(log) {
  const m = new Map([["a", 1], ["b", 2], ["c", 3], ["d", 4], ["e", 5]]);
  for (const [k, v] of m) { log.push(k + v); if (v % 2 === 0) m.delete(k); schedule(); }
  log.push("left " + [...m.keys()].join(""));
}
export function mapConsume(log) {
  const m = new Map([["a", 1], ["b", 2], ["c", 3]]);
  let n = 0;
  for (const [k] of m) { m.delete(k); log.push(k); if (n++ < 3) m.set(k + k, n); schedule(); }
  log.push("left " + [...m.keys()].join(","));
}
export function mapMutateAround(log) {
  const m = new Map([[NaN, 0], [1, 1], [2, 2], [3, 3], [4, 4]]);
  let step = 0;
  for (const [k, v] of m) {
    log.push(String(k) + "=" + v);
    step++;
    if (step === 1) { m.delete(2); m.set("x", 9); }       // before the pause: delete ahead, add
    if (step === 2) schedule();
    if (step === 3) { m.delete(3); m.delete(1); m.set(3, 33); m.set(4, 44); } // after: delete behind, re-add, update ahead
    if (step === 4) { m.clear(); m.set("after-clear", 1); }
  }
}
// Entries deleted behind the cursor (or deleted and added again) between the pause and
// the next step: a restored cursor must keep its place among the entries as they were
// at the pause (it used to be placed at its first step, by count: one entry too far).
export function mutateBeforeNextStep(log) {
  const m = new Map([["a", 1], ["b", 2], ["c", 3]]);
  for (const [k, v] of m) { log.push(k + v); if (v === 1) { schedule(); m.delete("a"); m.set("a", 4); } }
  const s = new Set([1, 2, 3]);
  for (const x of s) { log.push(String(x)); if (x === 1) { schedule(); s.delete(1); } }
}
export function mapValues(log) {
  const m = new Map([[1, "x"], [2, "y"], [3, "z"]]);
  for (const v of m.values()) { log.push(v); if (v === "x") { m.delete(1); schedule(); m.set(4, "w"); } }
}
export function mapKeys(log) {
  const m = new Map([[1, "x"], [2, "y"], [3, "z"]]);
  for (const k of m.keys()) { log.push(String(k)); if (k === 2) { schedule(); m.delete(3); } }
}
export function mapEntries(log) {
  const m = new Map([[1, "x"], [2, "y"]]);
  for (const [k, v] of m.entries()) { log.push(k + v); if (k === 1) { m.set(3, "z"); schedule(); } }
}
export function setPlain(log) {
  const s = new Set([1, 2, 3, 4]);
  let once = true;
  for (const x of s) { log.push(String(x)); if (x === 2 && once) { once = false; s.delete(2); s.delete(3); s.add(5); schedule(); s.add(2); } }
}
export function setEntries(log) {
  const s = new Set(["p", "q", "r"]);
  for (const [a, b] of s.entries()) { log.push(a + b); schedule(); }
  for (const a of s.values()) { log.push(a); if (a === "q") schedule(); }
  for (const a of s.keys()) { log.push(a); schedule(); }
}
export function arrayEntries(log) {
  const a = ["x", "y", "z"];
  for (const [i, v] of a.entries()) { log.push(i + v); if (i === 0) { a.push("w"); schedule(); a.shift(); } }
  for (const i of a.keys()) { log.push("k" + i); schedule(); }
  for (const v of a.values()) { log.push("v" + v); schedule(); }
}
export function earlyExit(log) {
  const m = new Map([[1, 1], [2, 2], [3, 3]]);
  for (const [k] of m) { log.push("k" + k); schedule(); if (k === 2) break; }
  const s = new Set([1, 2, 3]);
  outer: for (const a of s) { for (const b of s) { log.push(a + ":" + b); schedule(); if (b === 2) continue outer; } }
}
function* gen(m) { yield* m; }
export function yieldStar(log) {
  const m = new Map([[1, 10], [2, 20]]);
  const g = gen(m);
  for (const [k, v] of g) { log.push(k + ":" + v); schedule(); m.set(3, 30); }
}
export function pattern(log) {
  const s = new Set(["a"]);
  const [a, b = (schedule(), "dflt")] = s;
  log.push(a + b);
}
export function stringWalk(log) {
  // a pair, a lone high surrogate, a lone low one: one step each, as natively
  for (const c of "a\\u{1F600}b\\uD800c\\uDC00") { log.push(c.length + ":" + c.codePointAt(0)); schedule(); }
}
export function stringLabels(log) {
  rows: for (const row of ["ab#c", "xy"]) { for (const c of row) { if (c === "#") continue rows; log.push(c); schedule(); } }
}
function* chars(s) { yield* s; return "end"; }
export function stringYieldStar(log) {
  for (const c of chars("p\\u{1F600}q")) { log.push(c); schedule(); }
}
export function stringPattern(log) {
  const [a, b = (schedule(), "dflt")] = "\\u{1F600}";
  log.push(a + b);
}
export function held(log) {
  const m = new Map([[1, 1]]);
  const it = m.entries(); // the program holds a native iterator: not picklable
  for (const e of it) { log.push("e" + e[0]); schedule(); }
}
`;

const NAMES = [
  "mapPlain", "mapDeleteCurrent", "mapConsume", "mapMutateAround", "mutateBeforeNextStep", "mapValues", "mapKeys", "mapEntries",
  "setPlain", "setEntries", "arrayEntries", "earlyExit", "yieldStar", "pattern",
  "stringWalk", "stringLabels", "stringYieldStar", "stringPattern",
];

let m: Record<string, any>;
let native: Record<string, (log: string[]) => void>;

beforeAll(async () => {
  m = await loadTaskletModule("pickle-collections", `import { schedule } from "stackless-ts";\n${SCENARIOS}`);
  // The same loops as plain code, with schedule() a no-op: what native iteration does.
  native = new Function("schedule", `${SCENARIOS.replace(/export /g, "")}\nreturn { ${NAMES.join(", ")} };`)(() => {}) as typeof native;
});

function expected(name: string): string[] {
  const log: string[] = [];
  native[name]!(log);
  return log;
}

describe("for-of over Maps, Sets and their iterators", () => {
  it.each(NAMES)("%s: runs as natively", (name) => {
    const log: string[] = [];
    new Tasklet(m[name]).setup(log);
    run();
    expect(log).toEqual(expected(name));
  });

  it.each(NAMES)("%s: pickled at every pause, the copy goes on as the original", (name) => {
    const want = expected(name);
    // Pause k: run the original to its k-th schedule(), pickle it there, finish both.
    for (let k = 1; ; k++) {
      const log: string[] = [];
      const t = new Tasklet(m[name]).setup(log);
      let pauses = 0;
      while (t.alive && pauses < k) {
        schedule();
        pauses++;
      }
      if (!t.alive) break;
      const bytes = pickle([t, log]);
      run();
      expect(log, `original, pause ${k}`).toEqual(want);
      // The copy brings its own copy of the log (and of the collections) as at the pause.
      const [copy, copyLog] = unpickle(bytes) as [Tasklet, string[]];
      copy.insert();
      run();
      expect(copyLog, `copy, pause ${k}`).toEqual(want);
    }
  });
});

describe("the cursor", () => {
  it("pickles again after a restore, before and after its next step", () => {
    const m0 = new Map([[1, "a"], [2, "b"], [3, "c"]]);
    const c = new CollectionCursor(m0, 1, m0.values());
    expect(c.next()).toEqual({ value: "a", done: false });
    m0.delete(1);
    const c2 = unpickle(pickle(c)) as CollectionCursor;
    const c3 = unpickle(pickle(c2)) as CollectionCursor;
    expect(c2.next()).toEqual({ value: "b", done: false });
    const c4 = unpickle(pickle(c2)) as CollectionCursor;
    expect([c.next(), c.next()]).toEqual([{ value: "b", done: false }, { value: "c", done: false }]);
    expect([c3.next(), c3.next(), c3.next()]).toEqual([{ value: "b", done: false }, { value: "c", done: false }, { value: undefined, done: true }]);
    expect([c4.next(), c4.next()]).toEqual([{ value: "c", done: false }, { value: undefined, done: true }]);
  });

  it("pickling leaves the live walk exactly native (the drained iterator is replaced by an equal one)", () => {
    const m0 = new Map([[1, 1], [2, 2], [3, 3], [4, 4]]);
    const c = new CollectionCursor(m0, 0, m0.keys());
    const n = m0.keys();
    const both = () => [c.next().value, n.next().value];
    expect(both()).toEqual([1, 1]);
    m0.delete(1);
    m0.delete(2);
    pickle(c);
    m0.delete(3);
    m0.set(3, 3);
    expect(both()).toEqual([4, 4]);
    pickle(c);
    m0.clear();
    m0.set(9, 9);
    expect(both()).toEqual([9, 9]);
    expect(both()).toEqual([undefined, undefined]);
  });

  it("refuses a hostile state", () => {
    for (const d of [null, [new Map(), 3, 0, false], [{}, 0, 0, false], [new Set(), 0, -1, false], [[], 0, 0, 1]]) {
      expect(() => CollectionCursor.restore(d)).toThrow(TypeError);
    }
  });

  it("a string walker refuses a hostile state", () => {
    for (const d of [null, ["ab"], [3, 0], ["ab", 3], ["ab", -1], ["ab", 0.5], [null, "0"]]) {
      expect(() => StringWalker.restore(d)).toThrow(TypeError);
    }
    const w = StringWalker.restore(["a\u{1F600}", 1]);
    expect([w.next(), w.next()]).toEqual([{ value: "\u{1F600}", done: false }, { value: undefined, done: true }]);
  });

  it("a native iterator the program holds does not pickle (PickleError naming the slot); the tasklet runs on", () => {
    expect(() => pickle(new Map().entries())).toThrow(PickleError);
    const log: string[] = [];
    const t = new Tasklet(m.held).setup(log);
    schedule();
    expect(() => pickle(t)).toThrow(/local 'it'/);
    run();
    expect(log).toEqual(["e1"]);
  });

  it("a finished cursor stays finished after a restore", () => {
    const m0 = new Map([[1, 1]]);
    const c = new CollectionCursor(m0, 2, m0.entries());
    expect(c.next().done).toBe(false);
    expect(c.next().done).toBe(true);
    m0.set(2, 2);
    const c2 = unpickle(pickle(c)) as CollectionCursor;
    expect([c.next().done, c2.next().done]).toEqual([true, true]);
  });
});

/**
 * Local counting (docs/frame-protocol.md rule 9): a call-free loop nest charges a local
 * counter instead of rt.budget. The count must stay exactly what global counting gives,
 * on every way out of the nest, and a watchdog must still interrupt such a loop at the
 * same instruction. Each shape runs compiled twice (countLocally on and off) and the
 * budget consumed is compared.
 */
import { afterEach, describe, expect, it } from "vitest";
import { rt, BUDGET_IDLE, installHooks, watchdogArmed } from "../../runtime/protocol.js";
import { loadTaskletModule } from "../helpers/compiled.js";

const SOURCE = `
export function plain(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }
export function nested(n) {
  let s = 0;
  for (let i = 0; i < n; i++) { let j = 0; while (j < i) { if (j % 3) s += j; else s -= 1; j++; } }
  return s;
}
export function breakOuter(n) {
  let s = 0;
  outer: for (let i = 0; i < n; i++) { for (let j = 0; j < n; j++) { if (i * j > 40) break outer; s += j; } }
  return s;
}
export function continueOuter(n) {
  let s = 0;
  outer: for (let i = 0; i < n; i++) { for (let j = 0; j < n; j++) { if (j > i) continue outer; s += j; } }
  return s;
}
export function returnInside(n) {
  for (let i = 0; i < n; i++) { for (let j = 0; j < n; j++) { if (i + j === 15) return i * 100 + j; } }
  return -1;
}
export function throwInside(n) {
  const err = { code: 7 };
  for (let i = 0; ; i++) { if (i === n) throw err; }
}
export function catchesThrow(n) {
  try { throwInside(n); } catch (e) { return e.code; }
  return 0;
}
export function doWhile(n) { let i = 0; do { i += 2; } while (i < n); return i; }
export function labelledBlock(n) {
  let s = 0;
  for (let i = 0; i < n; i++) { blk: { if (i % 2) break blk; s += i; } }
  return s;
}
export function switchInside(n) {
  let s = 0;
  for (let i = 0; i < n; i++) { switch (i % 3) { case 0: s += 1; break; case 1: s += 2; default: s += 3; } }
  return s;
}
export function counted(n) { let s = 0; for (let i = 0; i <= n; ++i) { if (i % 2) s += i; else { s -= 1; s *= 1; } } return s; }
export function countedString(n) { let s = ""; for (let i = "3"; i < n * 100; i += 1) s += typeof i; return s.length; }
export function countedFloat(n) { let s = 0; for (let i = 0.5; i < n; i++) s += i; return s; }
export function countedInfinite(n) { let s = 0; const lim = n > 0 ? Infinity : 0; for (let i = 0; i < lim; i++) { s++; if (s === n) return s; } return -1; }
export function countedStuck(n) { let s = 0; const lim = 2 ** 53 + n; for (let i = 2 ** 53; i < lim; i++) s++; return s; }
export function withCall(n) { let s = 0; for (let i = 0; i < n; i++) s += plain(3); return s; }
`;

const local = await loadTaskletModule("counting-local", SOURCE);
const global = await loadTaskletModule("counting-global", SOURCE, { countLocally: false });

/** Runs `f(arg)` from a known budget; returns its result and the instructions it charged. */
function charged(f: (n: number) => unknown, arg: number): { value: unknown; used: number } {
  rt.budget = 1_000_000;
  const value = f(arg);
  return { value, used: 1_000_000 - rt.budget };
}

afterEach(() => {
  rt.budget = BUDGET_IDLE;
});

describe("local counting", () => {
  // catchesThrow runs throwInside; countedStuck never ends (its own test below)
  const shapes = Object.keys(local).filter((n) => n !== "throwInside" && n !== "countedStuck");
  for (const name of shapes) {
    it(`${name}: same result and same count as global counting`, () => {
      const a = charged(local[name], 25);
      const b = charged(global[name], 25);
      expect(a.value).toEqual(b.value);
      expect(a.used).toBe(b.used);
      if (name !== "countedString") expect(a.used).toBeGreaterThan(25); // every iteration is charged
    });
  }

  // With a watchdog armed the chunk never exceeds the budget: ticks come at the same
  // instructions as with global counting (every 7 instructions here). Hard mode spends
  // every tick on unwinding before any hook sees it.
  for (const name of shapes) {
    it.skipIf(process.env.STACKLESS_HARD === "1")(`${name}: ticks at the same instructions under an armed watchdog`, () => {
      const run = (f: (n: number) => unknown) => {
        const at: number[] = [];
        let used = 0;
        const prev = installHooks({
          tick() {
            used += 7 - rt.budget; // rt.budget is exact (negative) when a tick comes
            at.push(used);
            rt.budget = 7;
            return undefined;
          },
        });
        watchdogArmed(true);
        try {
          rt.budget = 7;
          const value = f(12);
          return { value, at, rest: rt.budget };
        } finally {
          watchdogArmed(false);
          installHooks(prev);
        }
      };
      const a = run(local[name]);
      const b = run(global[name]);
      expect(a).toEqual(b);
      expect(a.at.length).toBeGreaterThan(0);
    });
  }

  // Counted loops shift the local counter and truncate their charge to int32, so chunk()
  // must never hand out more than an int32 even when the budget is larger (a watchdog with
  // a timeout of 2^32 + 2^29): the charge would otherwise lose 2^32 instructions.
  for (const name of ["plain", "counted", "nested"]) {
    it(`${name}: exact count from a budget beyond int32 under an armed watchdog`, () => {
      const big = 2 ** 32 + 2 ** 29;
      const run = (f: (n: number) => unknown) => {
        watchdogArmed(true);
        try {
          rt.budget = big;
          const value = f(25);
          return { value, used: big - rt.budget };
        } finally {
          watchdogArmed(false);
        }
      };
      const a = run(local[name]);
      expect(a).toEqual(run(global[name]));
      expect(a.used).toBeGreaterThan(25);
    });
  }

  // Above 2^53, i++ leaves i unchanged: natively a loop for ever. The unchecked copy of a
  // counted loop must not take it, or nothing could ever interrupt it.
  it.skipIf(process.env.STACKLESS_HARD === "1")("a counted loop whose i++ is lost (i = 2^53) still ticks", () => {
    let ticks = 0;
    const prev = installHooks({
      tick() {
        if (++ticks === 3) throw new Error("stopped by the third tick");
        rt.budget = 1000;
        return undefined;
      },
    });
    watchdogArmed(true);
    try {
      rt.budget = 1000;
      expect(() => local["countedStuck"]!(10)).toThrow("stopped by the third tick");
    } finally {
      watchdogArmed(false);
      installHooks(prev);
    }
  });

  it("the compiler uses a local counter for call-free nests only", async () => {
    const { compile } = await import("../../compiler/compile.js");
    const code = compile(SOURCE, { filename: "/x/counting.ts", root: "/x" }).code;
    const body = (name: string) => code.slice(code.indexOf(`function ${name}(`), code.indexOf("\n}\n", code.indexOf(`function ${name}(`)));
    expect(body("plain")).toContain("$rt.chunk()");
    // the versioned loop: i starts at the literal 0, so only B is tested and i is the trip count
    expect(body("counted")).toMatch(/typeof n === "number" && n - i < \$n >> \d+\)/);
    expect(body("counted")).toMatch(/\$n = \$n - i \* \d+ \| 0;/);
    expect(body("countedFloat")).toContain("(i | 0) === i"); // starts at 0.5: tested, and not taken
    expect(body("countedInfinite")).not.toMatch(/lim - i </); // a return inside
    expect(body("withCall")).not.toContain("$rt.chunk()");
    // The hot copy of a nest (compiler/emit/hot-copy.ts): entered when $pc is 0, with no
    // routing test in it; the routed nest follows as its else branch. (Without the copy of
    // the whole body, rule 13, whose routed original holds the nest's two versions.)
    const unhot = compile(SOURCE, { filename: "/x/counting.ts", root: "/x", hotCopies: false }).code;
    const nested = unhot.slice(unhot.indexOf("function nested("), unhot.indexOf("\n}\n", unhot.indexOf("function nested(")));
    const hot = nested.slice(nested.indexOf("if (!$pc) $L"), nested.indexOf("} else $L"));
    expect(hot.length).toBeGreaterThan(0);
    expect(hot).toContain("$rt.save(nested, "); // it still ticks and saves
    expect(hot).not.toMatch(/\$pc \|\||switch \(\$pc\)|if \(\$pc\)/);
    expect(nested.slice(nested.indexOf("} else $L"))).toContain("$pc ||");
  });
});

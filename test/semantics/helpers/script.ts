/**
 * Tasklet code compiled by hand (the shape docs/frame-protocol.md fixes), for tests of
 * soft switching while the compiler is not there yet. `script(steps)` is one compiled
 * function: it calls each step's function at a compiled call site (a *direct* call, so
 * a primitive such as `Channel.prototype.send` or `PyChannel_Send_nr` may soft-switch),
 * then runs the step's plain `then`/`catch` callbacks, which must not switch.
 *
 * Equivalent source:
 *
 *   function script(steps) {
 *     for (let i = 0; i < steps.length; i++) {
 *       const s = steps[i];
 *       let r;
 *       try { r = s.fn.apply(s.self, args(s)); } catch (e) { if (!s.catch) throw e; s.catch(e); continue; }
 *       s.then?.(r);
 *     }
 *   }
 */
import { rt } from "../../../runtime/protocol.js";
import { Tasklet } from "stackless-ts";

export interface Step {
  /** Called at the compiled call site (directly). */
  fn: Function;
  self?: unknown;
  /** The arguments, or a thunk computing them when the step starts. */
  args?: unknown[] | (() => unknown[]);
  /** Plain code run with the result; must not switch. */
  then?: (result: unknown) => void;
  /** Plain code run with the error instead of propagating it; must not switch. */
  catch?: (error: unknown) => void;
}

/** A step calling `self.fn(...args)` (or `fn(...args)` when self is undefined). */
export function call(fn: Function, self?: unknown, ...args: unknown[]): Step {
  return { fn, self, args };
}

/** A step running plain code that does not switch (a log line, an assertion). */
export function plain(fn: () => void): Step {
  return { fn };
}

const $m = rt.module("test/semantics/helpers/script.ts");
const $c = $m.code({ id: "test/semantics/helpers/script.ts#script", name: "script", hash: "0", vars: ["steps", "i"], pcs: [], line: 1, column: 0 });

export function script(this: unknown, steps: Step[]): unknown {
  let $pc = 0;
  let i = 0;
  let $r: unknown;
  if (rt.callee !== script) {
    if (rt.callee !== rt.RESUME) return rt.nested(script, this, arguments, new.target as Function | undefined);
    const $f = rt.frame!;
    $pc = $f.pc;
    steps = $f.vars[0] as Step[];
    i = $f.vars[1] as number;
  }
  rt.callee = rt.NOBODY;
  const $d = ++rt.depth;
  for (; i < steps.length; i++) {
    const s = steps[i]!;
    // The loop top charges the budget and may tick (rule 9): resume point 2. Under
    // STACKLESS_HARD=1 every tick unwinds the frame here and resumes it.
    if ($pc === 2) {
      $pc = 0;
      rt.take();
    } else if ($pc === 0 && (rt.budget -= 1) < 0) {
      rt.callee = rt.tick;
      rt.tick();
      if (rt.unwinding) return rt.save(script as never, 2, this, [steps, i]);
    }
    try {
      if ($pc) {
        $pc = 0;
        $r = rt.take();
      } else {
        const args = typeof s.args === "function" ? s.args() : (s.args ?? []);
        rt.callee = s.fn;
        $r = s.fn.apply(s.self, args);
        if (rt.unwinding) return rt.save(script as never, 1, this, [steps, i]);
      }
    } catch (e) {
      rt.depth = $d;
      if (s.catch === undefined) throw e;
      s.catch(e);
      continue;
    }
    s.then?.($r);
  }
  rt.depth = $d - 1;
  return undefined;
}
$m.fn($c, script);

/** A tasklet running `script(steps)`, set up (scheduled). */
export function softTasklet(steps: Step[]): Tasklet {
  return new Tasklet(script).setup(steps);
}

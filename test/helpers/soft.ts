/**
 * A tasklet-code function written by hand in the compiler's shape (frame-protocol.md):
 * calls one primitive directly, so that a runtime test can block a tasklet softly
 * without going through the compiler. `then(value, threw)` gets the outcome.
 */
import { rt } from "../../runtime/protocol.js";

const $m = rt.module("test/helpers/soft.ts");

export function softCall(this: unknown, prim: Function, self: unknown, args: unknown[], then: (v: unknown, threw: boolean) => void): unknown {
  let $pc = 0;
  if (rt.callee !== softCall) {
    if (rt.callee !== rt.RESUME) return rt.nested(softCall, this, arguments, undefined);
    const f = rt.frame!;
    $pc = f.pc;
    prim = f.vars[0] as Function;
    self = f.vars[1];
    args = f.vars[2] as unknown[];
    then = f.vars[3] as typeof then;
  }
  rt.callee = rt.NOBODY;
  let r: unknown;
  try {
    if ($pc === 1) r = rt.take();
    else {
      rt.callee = prim;
      r = prim.apply(self, args);
      if (rt.unwinding) return rt.save(softCall as never, 1, undefined, [prim, self, args, then]);
    }
  } catch (e) {
    then(e, true);
    return undefined;
  }
  then(r, false);
  return undefined;
}
$m.fn($m.code({ id: "test/helpers/soft.ts#softCall", name: "softCall", hash: "0", vars: ["prim", "self", "args", "then"], pcs: [], line: 1, column: 0 }), softCall);

/** Arguments for `new Tasklet(softCall).setup(...)`: call prim(...args) softly, log the outcome. */
export function soft(prim: Function, args: unknown[], log: unknown[], self?: unknown): [Function, unknown, unknown[], (v: unknown, threw: boolean) => void] {
  return [prim, self, args, (v, threw) => log.push(threw ? `threw ${(v as Error).message}` : v)];
}

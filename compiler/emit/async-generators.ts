/**
 * Compiled async generators (docs/frame-protocol.md "Async generators").
 *
 * The rule: promise jobs and ticks stay exactly native. A compiled body therefore never
 * awaits or yields itself: each `await x`, `yield x`, `yield* x` and `return x` is a
 * *request* (`$rt.aop(op, x)`, an unwind of the body's one record, as a sync generator's
 * yield) that the native wrapper performs with the very operation (`await`, `yield`,
 * `yield*`, `return`) the source had, then resumes the body with its outcome. Delegating
 * with `yield*` to some inner async iterator instead would add and remove awaits.
 *
 * Body side (the request sites):
 *   await x    K: if ($pc) { $pc = 0; R = $rt.take(); } else { $rt.aop(1, x); if ($rt.unwinding) return $rt.save(…); }
 *   yield x    the same with op 2 (yield* x: op 3), then
 *              if ($rt.genReturn) { $rt.genReturn = false; return R; }      // .return() arrived
 *   return x   the same with op 4, then always `$rt.genReturn = false; return R;`
 * R is then a level (see the wrapper) that the body's `return` carries through its
 * finally blocks (emitted as a source return, so they run and may await or yield).
 * `return;` (no operand) stays a plain return: natively it awaits nothing.
 *
 * Wrapper side: a native `async function*` with the source's name and parameters whose
 * body is `level(0)`, a loop performing requests. The only way JavaScript shows a return
 * completion (from `.return(v)` at a yield, or from our own `return x`) is a `finally`
 * running without a caught exception: `$rN` stays 1. Its value (already awaited by the
 * engine) cannot be read, so the wrapper keeps it pending in that finally and runs level
 * N+1 there: the body resumes with `return <N+1>` and its finally blocks' requests are
 * performed inside (native code may await and yield in a finally). When the body ends
 * with level j, `break $Lj` leaves the finally of level j normally, so the engine's own
 * completion goes on unchanged, as natively; ending normally is `return;`, throwing
 * propagates. A step whose body blocked on a tasklet operation (runtime/
 * async-generator-step.ts) answers Pending with a promise of the request in `$s.v`,
 * which the wrapper awaits (native code cannot block, so no native tick is changed).
 * MAX_LEVELS levels are emitted (a return inside a finally run by a return
 * inside a finally run by a return …); past that `tooDeep()` throws.
 */
import { template } from "@babel/core";
import * as t from "@babel/types";
import type { FnEmitter } from "./emitter.js";
import { ex } from "./expressions.js";
import { emitIf } from "./expressions.js";
import { emitLeap } from "./leaps.js";
import { List } from "./list.js";

/** Known to runtime: runtime/async-generator.ts Op and MAX_LEVELS. */
const Op = { Await: 1, Yield: 2, YieldStar: 3, Return: 4, Done: 5, Pending: 6 } as const;
const MAX_LEVELS = 3;

function request(em: FnEmitter, L: List, loc: t.SourceLocation | null | undefined, op: number, value: t.Expression): string {
  const r = em.temp();
  const call = t.expressionStatement(t.callExpression(em.rt("aop"), [t.numericLiteral(op), value]));
  em.callSite(L, loc, [call], r, "take");
  return r;
}

function genReturnFalse(em: FnEmitter): t.Statement {
  return t.expressionStatement(t.assignmentExpression("=", em.rt("genReturn"), t.booleanLiteral(false)));
}

/** `await x` in an async generator body. */
export function agenAwait(em: FnEmitter, node: t.AwaitExpression, L: List): t.Expression {
  const v = ex(em, node.argument, L);
  return t.identifier(request(em, L, node.loc, Op.Await, v));
}

/** `yield x` / `yield* x` in an async generator body. */
export function agenYield(em: FnEmitter, node: t.YieldExpression, L: List): t.Expression {
  const v = node.argument ? ex(em, node.argument, L) : t.identifier("undefined");
  const r = request(em, L, node.loc, node.delegate ? Op.YieldStar : Op.Yield, v);
  const ret = new List();
  ret.add(genReturnFalse(em));
  emitLeap(em, ret, { kind: "return" }, t.identifier(r));
  emitIf(em, L, em.rt("genReturn"), ret, null, node.loc);
  return t.identifier(r);
}

/** `return x` in an async generator body: the wrapper returns x natively (awaiting it). */
export function agenReturn(em: FnEmitter, node: t.ReturnStatement, L: List): void {
  const v = ex(em, node.argument as t.Expression, L);
  const r = request(em, L, node.loc, Op.Return, v);
  L.add(genReturnFalse(em));
  emitLeap(em, L, { kind: "return" }, t.identifier(r));
}

/**
 * Level `n` of the wrapper's loop: `$k` holds the request, `$s.v` its operand. Each
 * request ends in `$k`/`$s.v` holding the outcome (0 value, 1 thrown), which the next
 * `$s.go` delivers; yields and returns stand in a try whose finally sees a return
 * completion (`$rN` still 1) and runs level n+1 there.
 */
function level(n: number): string {
  const r = `$r${n}`;
  const label = n === 0 ? "" : `$L${n}: `;
  let done = "return;";
  if (n > 0) {
    done = "if (!$s.v) return;";
    for (let j = 1; j <= n; j++) done += ` if ($s.v === ${j}) break $L${j};`;
  }
  const deeper = n < MAX_LEVELS ? `$k = $s.go(2, ${n + 1}); ${level(n + 1)}` : "$s.tooDeep();";
  return `${label}for (;;) {
  if ($k === ${Op.Pending}) { $k = await $s.v; continue; }
  if ($k === ${Op.Await}) {
    try { $s.v = await $s.v; $k = 0; } catch ($e) { $s.v = $e; $k = 1; }
  } else if ($k === ${Op.Done}) {
    ${done}
  } else {
    ${r} = 1;
    try {
      if ($k === ${Op.Return}) return $s.v;
      $s.v = $k === ${Op.Yield} ? yield $s.v : yield* $s.v;
      $k = 0; ${r} = 0;
    } catch ($e) { $s.v = $e; $k = 1; ${r} = 0; }
    finally { if (${r}) { ${r} = 0; ${deeper} } }
  }
  $k = $s.go($k, $s.v);
}`;
}

function stripLocations(node: t.Node): void {
  t.traverseFast(node, (n) => {
    n.loc = null;
    n.start = null;
    n.end = null;
    n.leadingComments = n.trailingComments = n.innerComments = null;
  });
}

/**
 * The native wrapper's body, `{ var $s = $rt.agen(body, this, args), $k = $s.go(0, void
 * 0), …; <level 0> }`, for the wrapper with the source's name and parameters (a
 * declaration, an expression or a method: emit/gen-wrapper.ts): `args` is `arguments`
 * (simple parameters) or the values the parameters bound.
 */
export function asyncGeneratorBlock(rtName: string, body: string, args: t.Expression): t.BlockStatement {
  const flags = Array.from({ length: MAX_LEVELS + 1 }, (_, i) => `$r${i}`).join(", ");
  const src = `{
  var $s = ${rtName}.agen(${body}, this, %%args%%), $k = $s.go(0, void 0), ${flags};
  ${level(0)}
}`;
  // (parsed as a block of an async generator: `await` and `yield` are operators)
  const fn = template.expression(`(async function* () ${src})`, { syntacticPlaceholders: true })({ args: t.cloneNode(args, true) }) as t.FunctionExpression;
  stripLocations(fn.body);
  return fn.body;
}

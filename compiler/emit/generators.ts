/**
 * `yield` and `yield*` in the body of a compiled generator (protocol "Generators").
 *
 * `yield v` is a resume point whose "call" is `$rt.yieldOp(v, false)`: it unwinds the
 * body's frame alone (yield stands only in the body itself) and the generator's driver
 * keeps the record. Resuming delivers what next/throw/return sent:
 *   K: if ($pc) { $pc = 0; R = $rt.take(); }          // throw(e): take() throws e here
 *      else { $rt.yieldOp(v, false); if ($rt.unwinding) return $rt.save(…); }
 *      if ($rt.genReturn) { $rt.genReturn = false; return R; }   // return(v): a return here
 * The return is emitted as a source `return` (emitLeap), so enclosing finally blocks run
 * (and may yield again) and for-of loops close their iterators, as natively.
 *
 * `yield* e` follows the spec's steps (ES2024 14.4.14, sync generators) with the
 * delegate's methods as call sites, so a compiled generator delegated to switches softly;
 * each step's result object is yielded as it is (`$rt.yieldOp(r, true)`), and resuming
 * takes the completion without throwing (`$rt.takeRaw()`, kind in `$rt.lastKind`) to
 * forward it to the delegate's next/throw/return.
 */
import * as t from "@babel/types";
import { compilerBug } from "../errors.js";
import { assign, type FnEmitter } from "./emitter.js";
import { emitIf, ex } from "./expressions.js";
import { emitLeap } from "./leaps.js";
import { List, seal } from "./list.js";

export function exYield(em: FnEmitter, node: t.YieldExpression, L: List): t.Expression {
  if (!em.isGenerator) return compilerBug("yield outside a compiled generator");
  if (node.delegate) return exYieldStar(em, node, L);
  const v = node.argument ? ex(em, node.argument, L) : t.identifier("undefined");
  const r = em.temp();
  yieldSite(em, L, node.loc, v, false, r);
  const ret = new List();
  ret.add(t.expressionStatement(t.assignmentExpression("=", em.rt("genReturn"), t.booleanLiteral(false))));
  emitLeap(em, ret, { kind: "return" }, t.identifier(r));
  emitIf(em, L, em.rt("genReturn"), ret, null, node.loc);
  return t.identifier(r);
}

function yieldSite(em: FnEmitter, L: List, loc: t.SourceLocation | null | undefined, value: t.Expression, raw: boolean, result: string): void {
  const op = t.expressionStatement(t.callExpression(em.rt("yieldOp"), [value, t.booleanLiteral(raw)]));
  em.callSite(L, loc, [op], result, raw ? "takeRaw" : "take");
}

function rtCall(em: FnEmitter, name: string, args: t.Expression[]): t.CallExpression {
  return t.callExpression(em.rt(name), args);
}

function id(n: string): t.Identifier {
  return t.identifier(n);
}

/**
 * `yield* e`:
 *   it = $rt.iterate(e); nx = $rt.soft(it.next, it); recv = undefined; kind = 0;
 *   L: for (;;) {
 *     if (kind === 0) { r = nx.call(it, recv); check; if (r.done) { res = r.value; break L } }
 *     else if (kind === 1) { m = GetMethod(it, "throw");
 *       if (m === undefined) { close it; throw TypeError }
 *       r = m.call(it, recv); check; if (r.done) { res = r.value; break L } }
 *     else { m = GetMethod(it, "return"); if (m === undefined) return recv;
 *       r = m.call(it, recv); check; if (r.done) return r.value }
 *     recv = yield-raw r; kind = $rt.lastKind;
 *   }
 */
function exYieldStar(em: FnEmitter, node: t.YieldExpression, L: List): t.Expression {
  const loc = node.loc;
  if (!node.argument) return compilerBug("yield* without an operand");
  const v = ex(em, node.argument, L);
  const it = em.temp();
  const nx = em.temp();
  const recv = em.temp();
  const kind = em.temp();
  const r = em.temp();
  const m = em.temp();
  const res = em.temp();
  L.add(assign(it, rtCall(em, "iterate", [v])));
  // The delegate's `next`, read once (spec); a compiled generator's goes soft.
  L.add(assign(nx, rtCall(em, "soft", [t.memberExpression(id(it), id("next")), id(it)])));
  L.add(assign(recv, id("undefined")));
  L.add(assign(kind, t.numericLiteral(0)));
  const label = em.label("$Ly");
  const BL = new List();

  const call = (into: List, fn: string, args: t.Expression[]): void => {
    em.call(into, loc, id(fn), t.callExpression(t.memberExpression(id(fn), id("call")), [id(it), ...args]), r);
    into.add(t.expressionStatement(rtCall(em, "iterResult", [id(r)])));
  };
  const doneBreak = (into: List): void => {
    into.add(t.ifStatement(t.memberExpression(id(r), id("done")), t.blockStatement([
      assign(res, t.memberExpression(id(r), id("value"))),
      t.breakStatement(id(label)),
    ])));
  };

  // kind 0: next
  const onNext = new List();
  onNext.add(t.ifStatement(t.binaryExpression("!==", t.unaryExpression("typeof", id(nx)), t.stringLiteral("function")), t.expressionStatement(rtCall(em, "notFunction", [id(nx)]))));
  call(onNext, nx, [id(recv)]);
  doneBreak(onNext);

  // kind 1: throw
  const onThrow = new List();
  // GetMethod, then a compiled generator's method answers its soft version (as `next`).
  const getMethod = (name: string): t.Expression => rtCall(em, "soft", [rtCall(em, "method", [id(it), t.stringLiteral(name)]), id(it)]);
  onThrow.add(assign(m, getMethod("throw")));
  const noThrow = new List();
  // No `throw` method: close the delegate (its return's result must be an object), then
  // the protocol violation is the error.
  noThrow.add(assign(m, getMethod("return")));
  const close = new List();
  call(close, m, []);
  emitIf(em, noThrow, t.binaryExpression("!==", id(m), id("undefined")), close, null, loc);
  noThrow.add(t.throwStatement(t.newExpression(id("TypeError"), [t.stringLiteral("The iterator does not provide a 'throw' method.")])));
  emitIf(em, onThrow, t.binaryExpression("===", id(m), id("undefined")), noThrow, null, loc);
  call(onThrow, m, [id(recv)]);
  doneBreak(onThrow);

  // kind 2: return
  const onReturn = new List();
  onReturn.add(assign(m, getMethod("return")));
  const noReturn = new List();
  emitLeap(em, noReturn, { kind: "return" }, id(recv));
  emitIf(em, onReturn, t.binaryExpression("===", id(m), id("undefined")), noReturn, null, loc);
  call(onReturn, m, [id(recv)]);
  const returned = new List();
  emitLeap(em, returned, { kind: "return" }, t.memberExpression(id(r), id("value")));
  emitIf(em, onReturn, t.memberExpression(id(r), id("done")), returned, null, loc);

  const notNext = new List();
  emitIf(em, notNext, t.binaryExpression("===", id(kind), t.numericLiteral(1)), onThrow, onReturn, loc);
  emitIf(em, BL, t.binaryExpression("===", id(kind), t.numericLiteral(0)), onNext, notNext, loc);
  yieldSite(em, BL, loc, id(r), true, recv);
  BL.add(assign(kind, em.rt("lastKind")));

  const [lo, hi] = BL.range;
  const loop = t.forStatement(null, null, null, t.blockStatement(seal(BL, em.pcVar)));
  loop.loc = loc ?? null;
  L.add(t.labeledStatement(id(label), loop), lo, hi);
  return id(res);
}

/**
 * Creating inner functions and classes from compiled code (protocol rule 10): each is
 * built by a module-level factory taking the environment record active where it stands,
 * `$mkN($e)`, so a closure is (code, environment) and pickles as data.
 */
import * as t from "@babel/types";
import { compilerBug } from "../errors.js";
import { assign, type FnEmitter } from "./emitter.js";
import { ex, exDiscard, materialize } from "./expressions.js";
import type { List } from "./list.js";
import { envRef } from "./refs.js";

/** The expression that creates closure `node` (a function or object method) here. */
export function closureExpr(em: FnEmitter, node: t.Function): t.Expression {
  const info = em.mod.analysis.fns.get(node);
  if (!info) compilerBug("closure without context");
  const mk = em.mod.functionFactory(info);
  const env = info.creationEnv ? envRef(em.mod, em.fn, em, info.creationEnv) : t.nullLiteral();
  return em.markPure(t.callExpression(t.identifier(mk), [env]));
}

/**
 * A class standing in compiled code: `extends` and computed keys are evaluated here, in
 * order, and passed to the class factory with the environment.
 */
export function classExpr(em: FnEmitter, node: t.Class, L: List, declName: string | null): t.Expression {
  const computed: t.Expression[] = [];
  for (const m of node.body.body) {
    if ((t.isClassMethod(m) || t.isClassProperty(m) || t.isClassAccessorProperty(m)) && m.computed) computed.push(m.key as t.Expression);
  }
  // The superclass, then each key converted to a property key where it stands (the class
  // uses it twice: in its body and to find the method's self), in source order.
  let sup = ex(em, node.superClass ?? t.nullLiteral(), L);
  if (computed.length) sup = materialize(em, sup, L);
  const operands: t.Expression[] = [sup];
  for (const k of computed) operands.push(materialize(em, em.mod.propKey(ex(em, k, L)), L));
  const env = em.mod.analysis.classEnv.get(node) ?? null;
  const { mk, statics } = em.mod.classFactory(node, em.fn, declName ?? em.mod.analysis.inferred.get(node) ?? "");
  const envExpr = env ? envRef(em.mod, em.fn, em, env) : t.nullLiteral();
  const made = em.markPure(t.callExpression(t.identifier(mk), [envExpr, ...operands]));
  if (statics.length === 0) return made;
  // `[C, $init0, …] = $mkN(…)`, then the static elements the class body left out, in
  // order, as direct calls: `$init0.call(C)`, `$defineField(C, "x", $init1.call(C))`
  // (source-like statements lowered by the emitter; every name is a temporary).
  const arr = em.temp();
  L.add(assign(arr, made));
  const cls = em.temp();
  L.add(assign(cls, t.memberExpression(t.identifier(arr), t.numericLiteral(0), true)));
  let i = 0;
  for (const d of statics) {
    const run = d.initVar ? t.callExpression(t.memberExpression(t.memberExpression(t.identifier(arr), t.numericLiteral(++i), true), t.identifier("call")), [t.identifier(cls)]) : t.identifier("undefined");
    exDiscard(em, d.key === null ? run : t.callExpression(t.identifier(em.mod.defineFieldFn()), [t.identifier(cls), t.stringLiteral(d.key), run]), L);
  }
  return t.identifier(cls);
}

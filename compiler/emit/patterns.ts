/**
 * Destructuring. A pattern without calls stays a native destructuring assignment with its
 * targets rewritten (slots, env members). A pattern whose defaults or computed keys call
 * is taken apart into one assignment per target, so each of those calls is a call site.
 */
import * as t from "@babel/types";
import { hasCall } from "../analysis/meta.js";
import { compilerBug } from "../errors.js";
import { assign, type FnEmitter } from "./emitter.js";
import { ex, emitIf, materialize, target } from "./expressions.js";
import { List } from "./list.js";
import { refExpr } from "./refs.js";

type Pat = t.LVal | t.PatternLike | t.ObjectProperty | t.RestElement;

/** Emits `pattern = value` into L. */
export function assignPattern(em: FnEmitter, pattern: Pat, value: t.Expression, L: List): void {
  if (t.isAssignmentPattern(pattern)) {
    const x = em.temp();
    L.add(assign(x, value));
    defaultFor(em, x, pattern.right, L);
    assignPattern(em, pattern.left, t.identifier(x), L);
    return;
  }
  if (t.isRestElement(pattern)) return assignPattern(em, pattern.argument as Pat, value, L);
  if (!hasCall(pattern)) {
    L.add(t.expressionStatement(t.assignmentExpression("=", rewrite(em, pattern, L) as t.LVal, value)));
    return;
  }
  if (t.isObjectPattern(pattern)) return objectPattern(em, pattern, value, L);
  if (t.isArrayPattern(pattern)) return arrayPattern(em, pattern, value, L);
  L.add(t.expressionStatement(t.assignmentExpression("=", target(em, pattern, L), value)));
}

/** `if (x === undefined) x = <default>` with the default's calls as call sites. */
function defaultFor(em: FnEmitter, x: string, dflt: t.Expression, L: List): void {
  const inner = new List();
  inner.add(assign(x, ex(em, dflt, inner)));
  emitIf(em, L, t.binaryExpression("===", t.identifier(x), t.identifier("undefined")), inner, null, dflt.loc);
}

function objectPattern(em: FnEmitter, pattern: t.ObjectPattern, value: t.Expression, L: List): void {
  const v = em.temp();
  L.add(assign(v, value));
  const used: t.Expression[] = [];
  for (const prop of pattern.properties) {
    if (t.isRestElement(prop)) {
      const rest = em.temp();
      L.add(assign(rest, t.objectExpression([t.spreadElement(t.identifier(v))])));
      for (const k of used) L.add(t.expressionStatement(t.unaryExpression("delete", t.memberExpression(t.identifier(rest), t.cloneNode(k), true))));
      assignPattern(em, prop.argument, t.identifier(rest), L);
      continue;
    }
    let key: t.Expression;
    if (prop.computed) key = materialize(em, ex(em, prop.key as t.Expression, L), L);
    else if (t.isIdentifier(prop.key)) key = t.stringLiteral(prop.key.name);
    else key = t.cloneNode(prop.key as t.Expression);
    used.push(key);
    const x = em.temp();
    L.add(assign(x, t.memberExpression(t.identifier(v), t.cloneNode(key), true)));
    const val = prop.value as Pat;
    if (t.isAssignmentPattern(val)) {
      defaultFor(em, x, val.right, L);
      assignPattern(em, val.left, t.identifier(x), L);
    } else {
      assignPattern(em, val, t.identifier(x), L);
    }
  }
}

/** Steps the iterator natively (plain calls); defaults and nested targets are emitted. */
function arrayPattern(em: FnEmitter, pattern: t.ArrayPattern, value: t.Expression, L: List): void {
  const it = em.temp();
  const done = em.temp();
  const r = em.temp();
  L.add(assign(it, t.callExpression(t.memberExpression(value, t.memberExpression(t.identifier("Symbol"), t.identifier("iterator")), true), [])));
  L.add(assign(done, t.booleanLiteral(false)));
  const step = (): t.Expression =>
    t.assignmentExpression("=", t.identifier(done), t.memberExpression(t.assignmentExpression("=", t.identifier(r), t.callExpression(t.memberExpression(t.identifier(it), t.identifier("next")), [])), t.identifier("done")));
  for (const el of pattern.elements) {
    if (t.isRestElement(el)) {
      const arr = em.temp();
      L.add(assign(arr, t.arrayExpression([])));
      L.add(t.whileStatement(
        t.logicalExpression("&&", t.unaryExpression("!", t.identifier(done)), t.unaryExpression("!", step())),
        t.expressionStatement(t.callExpression(t.memberExpression(t.identifier(arr), t.identifier("push")), [t.memberExpression(t.identifier(r), t.identifier("value"))])),
      ));
      assignPattern(em, el.argument, t.identifier(arr), L);
      continue;
    }
    const x = em.temp();
    L.add(assign(x, t.conditionalExpression(t.logicalExpression("||", t.identifier(done), step()), t.identifier("undefined"), t.memberExpression(t.identifier(r), t.identifier("value")))));
    if (el === null) continue;
    if (t.isAssignmentPattern(el)) {
      defaultFor(em, x, el.right, L);
      assignPattern(em, el.left, t.identifier(x), L);
    } else {
      assignPattern(em, el as Pat, t.identifier(x), L);
    }
  }
  const ret = t.memberExpression(t.identifier(it), t.identifier("return"));
  L.add(t.ifStatement(
    t.logicalExpression("&&", t.unaryExpression("!", t.identifier(done)), t.binaryExpression("!=", ret, t.nullLiteral())),
    t.expressionStatement(t.callExpression(t.memberExpression(t.identifier(it), t.identifier("return")), [])),
  ));
}

/** A call-free pattern with its targets rewritten. */
export function rewrite(em: FnEmitter, p: Pat, L: List): t.Node {
  switch (p.type) {
    case "Identifier": {
      const r = refExpr(em.mod, em.fn, em, p);
      if (em.mod.analysis.tdzRefs.has(p)) L.add(em.mod.tdzCheck(t.cloneNode(r), p.name));
      if (em.mod.analysis.bindingOf.get(p)?.kind === "const" && !em.declaring) return em.mod.constTarget();
      return r;
    }
    case "MemberExpression":
      return target(em, p, L);
    case "ObjectPattern":
      return t.objectPattern(
        p.properties.map((prop) =>
          t.isRestElement(prop)
            ? (rewrite(em, prop, L) as t.RestElement)
            : t.objectProperty(prop.computed ? ex(em, prop.key as t.Expression, L) : t.cloneNode(prop.key), rewrite(em, prop.value as Pat, L) as t.PatternLike, prop.computed),
        ),
      );
    case "ArrayPattern":
      return t.arrayPattern(p.elements.map((e) => (e === null ? null : (rewrite(em, e as Pat, L) as t.PatternLike))));
    case "AssignmentPattern":
      return t.assignmentPattern(rewrite(em, p.left, L) as t.Identifier, ex(em, p.right, L));
    case "RestElement":
      return t.restElement(rewrite(em, p.argument as Pat, L) as t.Identifier);
    case "TSAsExpression":
    case "TSNonNullExpression":
    case "TSSatisfiesExpression":
    case "TSTypeAssertion":
    case "TSParameterProperty":
      return compilerBug(`TypeScript node ${p.type} left in a pattern`);
    default:
      throw em.mod.errors.error(p, `${p.type} is not supported as a destructuring target in tasklet code`);
  }
}

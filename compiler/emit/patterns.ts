/**
 * Destructuring. A pattern without calls stays a native destructuring assignment with its
 * targets rewritten (slots, env members). A pattern whose defaults or computed keys call
 * is taken apart into one assignment per target, so each of those calls is a call site.
 */
import * as t from "@babel/types";
import { hasCall } from "../analysis/meta.js";
import { compilerBug } from "../errors.js";
import { assign, type FnEmitter } from "./emitter.js";
import { ex, emitIf, materialize, target, toTemp } from "./expressions.js";
import { List, seal } from "./list.js";
import { withEntry, type LoopEntry } from "./leaps.js";
import { argumentsExpr, refExpr } from "./refs.js";

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

/**
 * An object pattern with calls, taken apart as the spec's PropertyBindingInitialization /
 * PropertyDestructuringAssignmentEvaluation:
 *   v = value (RequireObjectCoercible first when a computed key or the rest comes first:
 *   otherwise the first Get throws the same TypeError before anything else ran);
 *   per property: key, [assignment target reference], Get, default, bind;
 *   rest: CopyDataProperties of the keys not read (rt.objectRest: excluded getters do
 *   not run), the computed keys converted once (rt.toKey) when there is a rest.
 */
function objectPattern(em: FnEmitter, pattern: t.ObjectPattern, value: t.Expression, L: List): void {
  const v = em.temp();
  const props = pattern.properties;
  const first = props[0];
  const checkFirst = first !== undefined && (t.isRestElement(first) || first.computed);
  L.add(assign(v, checkFirst ? t.callExpression(em.rt("coercible"), [value]) : value));
  const hasRest = props.some((p) => t.isRestElement(p));
  const used: t.Expression[] = [];
  for (const prop of props) {
    if (t.isRestElement(prop)) {
      const ref = assignmentRef(em, prop.argument, L);
      const rest = em.temp();
      L.add(assign(rest, t.callExpression(em.rt("objectRest"), [t.identifier(v), t.arrayExpression(used.map((k) => t.cloneNode(k)))])));
      if (ref) L.add(t.expressionStatement(t.assignmentExpression("=", ref, t.identifier(rest))));
      else assignPattern(em, prop.argument as Pat, t.identifier(rest), L);
      continue;
    }
    let key: t.Expression;
    if (prop.computed) {
      const k = ex(em, prop.key as t.Expression, L);
      key = hasRest ? toTemp(em, t.callExpression(em.rt("toKey"), [k]), L) : materialize(em, k, L);
    } else if (t.isIdentifier(prop.key)) key = t.stringLiteral(prop.key.name);
    else if (t.isNumericLiteral(prop.key)) key = t.stringLiteral(String(prop.key.value));
    else if (t.isBigIntLiteral(prop.key)) key = t.stringLiteral(BigInt(prop.key.value).toString());
    else key = t.cloneNode(prop.key as t.Expression);
    used.push(key);
    const val = prop.value as Pat;
    const left = t.isAssignmentPattern(val) ? val.left : val;
    const ref = assignmentRef(em, left, L);
    const x = em.temp();
    L.add(assign(x, t.memberExpression(t.identifier(v), t.cloneNode(key), true)));
    if (t.isAssignmentPattern(val)) defaultFor(em, x, val.right, L);
    if (ref) L.add(t.expressionStatement(t.assignmentExpression("=", ref, t.identifier(x))));
    else assignPattern(em, left as Pat, t.identifier(x), L);
  }
}

/**
 * An assignment target that is not an identifier or a pattern (`o.x`, `o[f()]`) is
 * evaluated before its value is read (DestructuringAssignmentTarget first); null for
 * declarations, identifiers and nested patterns.
 */
function assignmentRef(em: FnEmitter, left: t.Node, L: List): t.Identifier | t.MemberExpression | null {
  return !em.declaring && !t.isIdentifier(left) && !t.isPattern(left) ? target(em, left, L) : null;
}

/**
 * An array pattern with calls (or `yield`/`await`) in its defaults or targets, taken
 * apart as the spec's IteratorBindingInitialization / IteratorDestructuringAssignment:
 *   it = GetIterator(v); next = it.next; done = false;
 *   try { per element: [assignment target reference first], step, default, bind }
 *   catch (x) { if (!done) close, dropping its error; throw x }
 *   if (!done) close (its result must be an object)
 * A step sets `done` before calling next() and clears it once a value was read, so an
 * iterator whose next(), `done` or `value` threw is not closed (spec: [[Done]] true). A
 * `return` leaving from a resumed `yield` inside (generator.return()) closes it too: the
 * elements run under a loop entry whose onExit closes (emitLeap).
 */
function arrayPattern(em: FnEmitter, pattern: t.ArrayPattern, value: t.Expression, L: List): void {
  const it = em.temp();
  const nx = em.temp();
  const done = em.temp();
  const r = em.temp();
  const id = t.identifier;
  L.add(assign(it, t.callExpression(em.rt("iterate"), [value])));
  L.add(assign(nx, t.memberExpression(id(it), id("next"))));
  L.add(assign(done, t.booleanLiteral(false)));
  // done = true; r = iterResult(next.call(it)); r.done ? undefined : (v = r.value, done = false, v)
  const step = (): t.Expression =>
    t.sequenceExpression([
      t.assignmentExpression("=", id(done), t.booleanLiteral(true)),
      t.assignmentExpression("=", id(r), t.callExpression(em.rt("iterResult"), [t.callExpression(t.memberExpression(id(nx), id("call")), [id(it)])])),
      t.conditionalExpression(
        t.memberExpression(id(r), id("done")),
        id("undefined"),
        t.sequenceExpression([
          t.assignmentExpression("=", id(r), t.memberExpression(id(r), id("value"))),
          t.assignmentExpression("=", id(done), t.booleanLiteral(false)),
          id(r),
        ]),
      ),
    ]);
  /** IteratorClose for a normal or return completion: return()'s result must be an object. */
  const close = (C: List): void => {
    const inner = new List();
    const ret = em.temp();
    inner.add(assign(done, t.booleanLiteral(true)));
    inner.add(assign(ret, t.callExpression(em.rt("soft"), [t.memberExpression(id(it), id("return")), id(it)])));
    const call = new List();
    const res = em.temp();
    em.call(call, pattern.loc, id(ret), t.callExpression(t.memberExpression(id(ret), id("call")), [id(it)]), res);
    call.add(t.expressionStatement(t.callExpression(em.rt("iterResult"), [id(res)])));
    emitIf(em, inner, t.binaryExpression("!=", id(ret), t.nullLiteral()), call, null, pattern.loc);
    emitIf(em, C, t.unaryExpression("!", id(done)), inner, null, pattern.loc);
  };
  const EL = new List();
  const entry: LoopEntry = { kind: "loop", labels: [], breakLabel: em.label("$Ld"), contBreak: null, onExit: close, onOwnBreak: false };
  withEntry(em, entry, () => {
    for (const el of pattern.elements) {
      const rest = t.isRestElement(el);
      const inner = rest ? (el.argument as Pat) : el;
      const left = t.isAssignmentPattern(inner) ? inner.left : inner;
      // An assignment target that is not a pattern is evaluated before the step.
      const ref = left !== null && !em.declaring && !t.isIdentifier(left) && !t.isPattern(left) ? target(em, left, EL) : null;
      const x = em.temp();
      if (rest) {
        EL.add(assign(x, t.arrayExpression([])));
        EL.add(t.whileStatement(
          t.unaryExpression("!", id(done)),
          t.blockStatement([
            t.expressionStatement(step()),
            t.ifStatement(t.unaryExpression("!", id(done)), t.expressionStatement(t.callExpression(t.memberExpression(id(x), id("push")), [id(r)]))),
          ]),
        ));
      } else {
        EL.add(assign(x, t.conditionalExpression(id(done), id("undefined"), step())));
      }
      if (inner === null) continue;
      if (t.isAssignmentPattern(inner)) defaultFor(em, x, inner.right, EL);
      if (ref) EL.add(t.expressionStatement(t.assignmentExpression("=", ref, id(x))));
      else assignPattern(em, left as Pat, id(x), EL);
    }
  });
  // try { elements } catch (x) { if (!done) { done = true; try { it.return?.call(it) } catch {} } throw x }
  // (the close on a throw is a nested call: an error from return() is dropped for x)
  const xv = em.names.fresh("$x");
  const fn = em.names.fresh("$cl");
  const closeOnThrow = t.blockStatement([
    assign(done, t.booleanLiteral(true)),
    t.tryStatement(
      t.blockStatement([
        t.variableDeclaration("const", [t.variableDeclarator(id(fn), t.memberExpression(id(it), id("return")))]),
        t.ifStatement(t.binaryExpression("!=", id(fn), t.nullLiteral()), t.expressionStatement(t.callExpression(t.memberExpression(id(fn), id("call")), [id(it)]))),
      ]),
      t.catchClause(null, t.blockStatement([])),
    ),
  ]);
  const [lo, hi] = EL.range;
  const guarded = t.tryStatement(
    t.blockStatement(seal(EL, em.pcVar)),
    t.catchClause(id(xv), t.blockStatement([
      ...em.restoreDepth(),
      t.ifStatement(t.unaryExpression("!", id(done)), closeOnThrow),
      t.throwStatement(id(xv)),
    ])),
  );
  guarded.loc = pattern.loc ?? null;
  L.add(guarded, lo, hi);
  close(L);
}

/** A call-free pattern with its targets rewritten. */
export function rewrite(em: FnEmitter, p: Pat, L: List): t.Node {
  switch (p.type) {
    case "Identifier": {
      if (p.name === "arguments" && !em.mod.analysis.bindingOf.has(p)) return argumentsExpr(em.mod, em.fn, em);
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

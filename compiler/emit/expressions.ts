/**
 * Expressions in A-normal form (protocol rule 5). `ex(em, node, L)` appends to L the
 * statements that evaluate every call inside `node`, in JavaScript's order, and returns a
 * call-free expression that finishes the evaluation when it runs right after them.
 *
 * The order rule: when a later operand holds a call, an earlier operand's value must be
 * fixed before that call runs, because the call may change what it reads. So earlier
 * operands are materialised into temporaries unless they are stable: literals,
 * temporaries, `this`, closure creations, or a local slot that nothing later assigns.
 */
import * as t from "@babel/types";
import { hasCall, hasVarAssign } from "../analysis/meta.js";
import { compilerBug } from "../errors.js";
import { assign, type FnEmitter } from "./emitter.js";
import { List, seal } from "./list.js";
import { argumentsExpr, emulatesSuper, newTargetExpr, refExpr, thisExpr } from "./refs.js";
import { closureExpr, classExpr } from "./closures.js";
import { assignPattern, rewrite } from "./patterns.js";
import { exCall, exOptional, nativeChain, type AwaitSite } from "./calls.js";
import { exYield } from "./generators.js";
import { agenAwait, agenYield } from "./async-generators.js";

type Arg = t.Expression | t.SpreadElement | t.ArgumentPlaceholder;
type Elem = Arg | null;

// ---- stability and temporaries ------------------------------------------------------

function isLiteral(e: t.Node): boolean {
  return t.isStringLiteral(e) || t.isNumericLiteral(e) || t.isBooleanLiteral(e) || t.isNullLiteral(e) || t.isBigIntLiteral(e) ||
    (t.isIdentifier(e) && e.name === "undefined");
}

function isTrivial(em: FnEmitter, e: t.Node): boolean {
  return isLiteral(e) || em.isTemp(e) || em.isPure(e) || t.isThisExpression(e);
}

/** Can `e` (already emitted) be evaluated after the source nodes `later` without change? */
export function stable(em: FnEmitter, e: t.Node, later: ReadonlyArray<t.Node | null | undefined>): boolean {
  if (isTrivial(em, e)) return true;
  return em.isLocalVar(e) && !later.some((n) => hasVarAssign(n));
}

export function materialize(em: FnEmitter, e: t.Expression, L: List): t.Expression {
  if (isTrivial(em, e)) return e;
  const n = em.temp();
  L.add(assign(n, e));
  return t.identifier(n);
}

/** Materialise `e` into a temporary unless it is already a temporary. */
export function toTemp(em: FnEmitter, e: t.Expression, L: List): t.Identifier {
  if (t.isIdentifier(e) && em.isTemp(e)) return e;
  const n = em.temp();
  L.add(assign(n, e));
  return t.identifier(n);
}

function cloneExpr<T extends t.Node>(e: T): T {
  return t.cloneNode(e, true);
}

// ---- lists of operands ----------------------------------------------------------------

/** Evaluates operands left to right; earlier ones are fixed before later calls. */
export function exList(em: FnEmitter, nodes: ReadonlyArray<Elem>, L: List): Elem[] {
  let last = -1;
  nodes.forEach((n, i) => {
    if (n && hasCall(n)) last = i;
  });
  const out: Elem[] = [];
  nodes.forEach((n, i) => {
    if (n === null) {
      out.push(null);
      return;
    }
    const later = nodes.slice(i + 1, last + 1);
    if (t.isSpreadElement(n)) {
      const v = ex(em, n.argument, L);
      if (i < last) {
        // Spreading iterates at once: do it before the later call, and spread what it
        // yielded again without the program's iterators (rt.respread).
        const tmp = em.temp();
        L.add(assign(tmp, t.arrayExpression([t.spreadElement(v)])));
        out.push(t.spreadElement(t.callExpression(em.rt("respread"), [t.identifier(tmp)])));
      } else {
        out.push(t.spreadElement(v));
      }
      return;
    }
    if (t.isArgumentPlaceholder(n)) throw em.mod.errors.error(n, "partial application placeholders are not supported");
    let v = ex(em, n, L);
    if (i < last && !stable(em, v, later)) v = materialize(em, v, L);
    out.push(v);
  });
  return out;
}

export function exprs(list: Elem[]): t.Expression[] {
  return list.map((e) => {
    if (!e || !t.isExpression(e)) compilerBug("expected an expression operand");
    return e;
  });
}

// ---- the dispatcher -----------------------------------------------------------------------

export function ex(em: FnEmitter, node: t.Expression, L: List): t.Expression {
  switch (node.type) {
    case "Identifier": {
      if (node.name === "arguments" && !em.mod.analysis.bindingOf.has(node)) return argumentsExpr(em.mod, em.fn, em);
      if (em.paramTdz.has(node)) return em.mod.tdzThrow(node.name);
      const r = refExpr(em.mod, em.fn, em, node);
      return em.mod.analysis.tdzRefs.has(node) ? em.mod.tdzRead(r, node.name) : r;
    }
    case "StringLiteral":
    case "NumericLiteral":
    case "BooleanLiteral":
    case "NullLiteral":
    case "RegExpLiteral":
    case "BigIntLiteral":
    case "DecimalLiteral":
      return cloneExpr(node);
    case "TemplateLiteral":
      return t.templateLiteral(node.quasis.map((q) => cloneExpr(q)), exprs(exList(em, node.expressions as t.Expression[], L)));
    case "ArrayExpression":
      return t.arrayExpression(exList(em, node.elements, L) as Array<t.Expression | t.SpreadElement | null>);
    case "ObjectExpression":
      return exObject(em, node, L);
    case "FunctionExpression":
    case "ArrowFunctionExpression":
      return closureExpr(em, node);
    case "ClassExpression":
      return classExpr(em, node, L, null);
    case "UnaryExpression":
      if (node.operator === "delete" && (t.isMemberExpression(node.argument) || t.isOptionalMemberExpression(node.argument))) {
        if (t.isOptionalMemberExpression(node.argument) && hasCall(node.argument)) {
          throw em.mod.errors.error(node, "`delete` of an optional chain holding a call is not supported in tasklet code; store the object in a variable first");
        }
        return t.unaryExpression("delete", ex(em, node.argument, L), true);
      }
      if (node.operator === "delete") return exDeleteOther(em, node.argument, L);
      return t.unaryExpression(node.operator, ex(em, node.argument, L), node.prefix);
    case "UpdateExpression":
      return t.updateExpression(node.operator, target(em, node.argument, L), node.prefix);
    case "BinaryExpression": {
      if (t.isPrivateName(node.left)) return t.binaryExpression(node.operator, cloneExpr(node.left), ex(em, node.right, L));
      const [l, r] = exprs(exList(em, [node.left, node.right], L));
      return t.binaryExpression(node.operator, l as t.Expression, r as t.Expression);
    }
    case "LogicalExpression":
      return exLogical(em, node, L);
    case "ConditionalExpression":
      return exConditional(em, node, L);
    case "AssignmentExpression":
      return exAssign(em, node, L);
    case "SequenceExpression": {
      if (!node.expressions.some((e) => hasCall(e))) return t.sequenceExpression(node.expressions.map((e) => ex(em, e, L)));
      const all = node.expressions;
      for (let i = 0; i < all.length - 1; i++) exDiscard(em, all[i] as t.Expression, L);
      return ex(em, all[all.length - 1] as t.Expression, L);
    }
    case "CallExpression":
    case "NewExpression":
    case "TaggedTemplateExpression":
      return exCall(em, node, L, true) as t.Expression;
    case "OptionalMemberExpression":
    case "OptionalCallExpression":
      return hasCall(node) ? exOptional(em, node, L) : nativeChain(em, node, L);
    case "MemberExpression":
      return exMember(em, node, L);
    case "ThisExpression":
      return thisExpr(em.mod, em.fn, em);
    case "MetaProperty":
      if (node.meta.name === "new") return newTargetExpr(em.mod, em.fn, em);
      return cloneExpr(node);
    case "ParenthesizedExpression":
    case "TSAsExpression":
    case "TSSatisfiesExpression":
    case "TSNonNullExpression":
    case "TSTypeAssertion":
    case "TSInstantiationExpression":
      return ex(em, node.expression, L);
    case "ImportExpression": {
      // Babel 8 (createImportExpressions): not a call site, the loader calls nothing of ours.
      const [src, options] = exList(em, [node.source, node.options ?? null], L) as t.Expression[];
      return t.importExpression(src as t.Expression, options ?? null);
    }
    case "AwaitExpression":
      return em.isAsyncGen ? agenAwait(em, node, L) : exAwait(em, node, L);
    case "YieldExpression":
      return em.isAsyncGen ? agenYield(em, node, L) : exYield(em, node, L);
    default:
      throw em.mod.errors.error(node, `${node.type} is not supported in tasklet code`);
  }
}

function unwrap(e: t.Expression): t.Expression {
  while (t.isParenthesizedExpression(e) || t.isTSAsExpression(e) || t.isTSSatisfiesExpression(e) || t.isTSNonNullExpression(e) || t.isTSTypeAssertion(e)) e = e.expression;
  return e;
}

/**
 * `await x` (protocol "Async functions"): a resume point calling `$rt.wait(x)`, which
 * blocks only this tasklet until x settles. `await f(…)` first calls f with
 * `$rt.awaiting = f`: a compiled async f then runs inline and, if it returned a value
 * that is not a thenable, the await takes it without waiting:
 *   $rt.awaiting = F; K1: $t = F(…);
 *   if ($pc || !$rt.done(F, $t)) { K2: $r = $rt.wait($t); } else $r = $t;
 */
function exAwait(em: FnEmitter, node: t.AwaitExpression, L: List): t.Expression {
  if (!em.isAsync) return compilerBug("await outside a compiled async function");
  const arg = unwrap(node.argument);
  const r = em.temp();
  const waitCall = (into: List, v: t.Expression): void => {
    em.call(into, node.loc, em.rt("wait"), t.callExpression(em.rt("wait"), [v]), r);
  };
  if (t.isCallExpression(arg) && !t.isImport(arg.callee) && !t.isSuper(arg.callee)) {
    const site: AwaitSite = { callee: null };
    const v = exCall(em, arg, L, true, site) as t.Expression;
    if (site.callee) {
      const slow = new List();
      waitCall(slow, t.cloneNode(v));
      const fast = new List();
      fast.add(assign(r, t.cloneNode(v)));
      const test = t.unaryExpression("!", t.callExpression(em.rt("done"), [site.callee, t.cloneNode(v)]));
      emitIf(em, L, test, slow, fast, node.loc);
      return t.identifier(r);
    }
    waitCall(L, v);
    return t.identifier(r);
  }
  waitCall(L, ex(em, node.argument, L));
  return t.identifier(r);
}

/** An expression statement: its value is dropped, so calls need no result temporary. */
export function exDiscard(em: FnEmitter, node: t.Expression, L: List): void {
  switch (node.type) {
    case "CallExpression":
    case "NewExpression":
    case "TaggedTemplateExpression":
      if (t.isCallExpression(node) && t.isImport(node.callee)) break;
      exCall(em, node, L, false);
      return;
    case "SequenceExpression":
      for (const e of node.expressions) exDiscard(em, e, L);
      return;
    case "ParenthesizedExpression":
    case "TSAsExpression":
    case "TSSatisfiesExpression":
    case "TSNonNullExpression":
    case "TSTypeAssertion":
      exDiscard(em, node.expression, L);
      return;
    default:
      break;
  }
  const r = ex(em, node, L);
  if (!(em.isTemp(r) || isLiteral(r) || em.isPure(r))) {
    const s = t.expressionStatement(r);
    s.loc = node.loc ?? null;
    L.add(s);
  }
}

// ---- members and assignment targets ---------------------------------------------------

/**
 * `super.x` in a compiled arrow: the arrow is a `function` built by a factory, where
 * `super` means nothing, so the lookup is explicit (its factory lives in the class body,
 * next to the class reference): `Reflect.get(Object.getPrototypeOf(home), key, this)`.
 */
export function superGet(em: FnEmitter, node: t.MemberExpression, L: List): t.Expression {
  const key = node.computed ? ex(em, node.property as t.Expression, L) : t.stringLiteral((node.property as t.Identifier).name);
  return t.callExpression(t.memberExpression(t.identifier("Reflect"), t.identifier("get")), [em.mod.superBase(em.fn), key, thisExpr(em.mod, em.fn, em)]);
}

function exMember(em: FnEmitter, node: t.MemberExpression, L: List): t.Expression {
  if (t.isSuper(node.object) && emulatesSuper(em.fn)) return superGet(em, node, L);
  if (t.isSuper(node.object)) {
    return t.memberExpression(t.super(), node.computed ? ex(em, node.property as t.Expression, L) : cloneExpr(node.property), node.computed);
  }
  if (node.computed) {
    const [o, p] = exprs(exList(em, [node.object, node.property as t.Expression], L));
    return t.memberExpression(o as t.Expression, p as t.Expression, true);
  }
  return t.memberExpression(ex(em, node.object, L), cloneExpr(node.property), false);
}

/** A simple assignment target (identifier or member), its parts evaluated. */
export function target(em: FnEmitter, node: t.Node, L: List): t.Identifier | t.MemberExpression {
  if (t.isIdentifier(node) && node.name === "arguments" && !em.mod.analysis.bindingOf.has(node)) {
    return argumentsExpr(em.mod, em.fn, em) as t.Identifier | t.MemberExpression;
  }
  if (t.isIdentifier(node)) {
    const r = refExpr(em.mod, em.fn, em, node);
    if (em.mod.analysis.tdzRefs.has(node)) L.add(em.mod.tdzCheck(t.cloneNode(r), node.name));
    if (em.mod.analysis.bindingOf.get(node)?.kind === "const" && !em.declaring) return em.mod.constTarget();
    return r;
  }
  if (t.isMemberExpression(node)) {
    if (t.isSuper(node.object) && emulatesSuper(em.fn)) throw em.mod.errors.error(node, "assigning to `super.x` inside an arrow function is not supported in tasklet code; assign in the method");
    return exMember(em, node, L) as t.MemberExpression;
  }
  if (t.isTSAsExpression(node) || t.isTSNonNullExpression(node) || t.isTSSatisfiesExpression(node) || t.isTSTypeAssertion(node) || t.isParenthesizedExpression(node)) {
    return target(em, node.expression, L);
  }
  throw em.mod.errors.error(node, `assignment to ${node.type} is not supported in tasklet code`);
}

/** The member target with object and key fixed in temporaries (read then written). */
function fixedMember(em: FnEmitter, node: t.MemberExpression, L: List): t.MemberExpression {
  if (t.isSuper(node.object) && emulatesSuper(em.fn)) throw em.mod.errors.error(node, "assigning to `super.x` inside an arrow function is not supported in tasklet code; assign in the method");
  if (t.isSuper(node.object)) {
    const key = node.computed ? materialize(em, ex(em, node.property as t.Expression, L), L) : cloneExpr(node.property);
    return t.memberExpression(t.super(), key, node.computed);
  }
  const o = toTemp(em, ex(em, node.object, L), L);
  if (!node.computed) return t.memberExpression(o, cloneExpr(node.property));
  const k = materialize(em, ex(em, node.property as t.Expression, L), L);
  return t.memberExpression(t.cloneNode(o), k, true);
}

// ---- short circuits -----------------------------------------------------------------------

/** `if (routing) { cons } else { alt }` with the resume routing of protocol rule 6. */
export function emitIf(em: FnEmitter, L: List, test: t.Expression, cons: List, alt: List | null, loc?: t.SourceLocation | null): void {
  const [clo, chi] = cons.range;
  const [alo, ahi] = alt ? alt.range : [0, 0];
  const pc = (): t.Identifier => t.identifier(em.pcVar);
  let routed: t.Expression = test;
  if (clo > 0 && alo > 0) routed = t.conditionalExpression(pc(), t.binaryExpression("<=", pc(), t.numericLiteral(chi)), test);
  else if (clo > 0) routed = t.logicalExpression("||", pc(), test);
  else if (alo > 0) routed = t.logicalExpression("&&", t.unaryExpression("!", pc()), test);
  const consBlock = t.blockStatement(seal(cons, em.pcVar));
  const altStmts = alt ? seal(alt, em.pcVar) : [];
  const stmt = t.ifStatement(routed, consBlock, altStmts.length ? t.blockStatement(altStmts) : null);
  stmt.loc = loc ?? null;
  L.add(stmt, clo || alo, ahi || chi);
}

export function nullish(e: t.Expression): t.Expression {
  return t.logicalExpression("||", t.binaryExpression("===", e, t.nullLiteral()), t.binaryExpression("===", t.cloneNode(e), t.identifier("undefined")));
}

function exLogical(em: FnEmitter, node: t.LogicalExpression, L: List): t.Expression {
  if (!hasCall(node.right)) {
    const l = ex(em, node.left, L);
    return t.logicalExpression(node.operator, l, ex(em, node.right, L));
  }
  const r = em.temp();
  L.add(assign(r, ex(em, node.left, L)));
  const inner = new List();
  inner.add(assign(r, ex(em, node.right, inner)));
  const cond =
    node.operator === "&&" ? t.identifier(r) : node.operator === "||" ? t.unaryExpression("!", t.identifier(r)) : nullish(t.identifier(r));
  emitIf(em, L, cond, inner, null, node.loc);
  return t.identifier(r);
}

function exConditional(em: FnEmitter, node: t.ConditionalExpression, L: List): t.Expression {
  const test = ex(em, node.test, L);
  if (!hasCall(node.consequent) && !hasCall(node.alternate)) {
    return t.conditionalExpression(test, ex(em, node.consequent, L), ex(em, node.alternate, L));
  }
  const r = em.temp();
  const cons = new List();
  cons.add(assign(r, ex(em, node.consequent, cons)));
  const alt = new List();
  alt.add(assign(r, ex(em, node.alternate, alt)));
  emitIf(em, L, test, cons, alt, node.loc);
  return t.identifier(r);
}

// ---- assignment ---------------------------------------------------------------------------

const LOGICAL_ASSIGN = new Set(["||=", "&&=", "??="]);

function exAssign(em: FnEmitter, node: t.AssignmentExpression, L: List): t.Expression {
  const op = node.operator;
  const left = node.left;
  if (t.isObjectPattern(left) || t.isArrayPattern(left)) {
    if (op !== "=") compilerBug("compound assignment to a pattern");
    if (!hasCall(left)) {
      // A native destructuring assignment (its value is the right side, as in source).
      const v = ex(em, node.right, L);
      return t.assignmentExpression("=", rewrite(em, left, L) as t.LVal, v);
    }
    const v = toTemp(em, ex(em, node.right, L), L);
    assignPattern(em, left, v, L);
    return t.cloneNode(v);
  }
  const memberLeft = t.isMemberExpression(left) ? left : null;
  if (op === "=") {
    if (memberLeft && !t.isSuper(memberLeft.object)) {
      const parts: Elem[] = [memberLeft.object, memberLeft.computed ? (memberLeft.property as t.Expression) : null, node.right];
      const [o, k, v] = exList(em, parts, L) as t.Expression[];
      const tgt = memberLeft.computed ? t.memberExpression(o as t.Expression, k as t.Expression, true) : t.memberExpression(o as t.Expression, cloneExpr(memberLeft.property));
      return t.assignmentExpression("=", tgt, v as t.Expression);
    }
    const tgt = target(em, left, L);
    return t.assignmentExpression("=", tgt, ex(em, node.right, L));
  }
  if (!hasCall(node.right)) {
    const tgt = target(em, left, L);
    return t.assignmentExpression(op, tgt, ex(em, node.right, L));
  }
  // The right side calls: read the target first, then call, then write.
  const tgt: t.Identifier | t.MemberExpression = memberLeft ? fixedMember(em, memberLeft, L) : target(em, left, L);
  if (LOGICAL_ASSIGN.has(op)) {
    const r = em.temp();
    L.add(assign(r, tgt));
    const inner = new List();
    const v = ex(em, node.right, inner);
    inner.add(assign(r, t.assignmentExpression("=", t.cloneNode(tgt), v)));
    const cond = op === "&&=" ? t.identifier(r) : op === "||=" ? t.unaryExpression("!", t.identifier(r)) : nullish(t.identifier(r));
    emitIf(em, L, cond, inner, null, node.loc);
    return t.identifier(r);
  }
  if (t.isIdentifier(tgt) && em.isLocalVar(tgt) && !hasVarAssign(node.right)) {
    // No call can change a local slot: read it after the calls.
    return t.assignmentExpression(op, tgt, ex(em, node.right, L));
  }
  const old = em.temp();
  L.add(assign(old, t.cloneNode(tgt)));
  const v = ex(em, node.right, L);
  const binop = op.slice(0, -1) as t.BinaryExpression["operator"];
  return t.assignmentExpression("=", t.cloneNode(tgt), t.binaryExpression(binop, t.identifier(old), v));
}

// ---- objects ------------------------------------------------------------------------------

function propHasCall(p: t.ObjectExpression["properties"][number]): boolean {
  if (t.isSpreadElement(p)) return hasCall(p.argument);
  if (t.isObjectProperty(p)) return (p.computed && hasCall(p.key)) || hasCall(p.value);
  return p.computed && hasCall(p.key);
}

/**
 * IsAnonymousFunctionDefinition: a function or arrow without a name, or a class without
 * one whose static members cannot define its `name` (a static `name` member keeps its
 * own; a computed static key might be "name").
 */
export function isAnonymousDefinition(v: t.Node): boolean {
  if (t.isArrowFunctionExpression(v) || (t.isFunctionExpression(v) && !v.id)) return true;
  if (!t.isClassExpression(v) || v.id) return false;
  return !v.body.body.some((m) => "static" in m && m.static && "key" in m && (("computed" in m && m.computed) || (t.isIdentifier(m.key) && m.key.name === "name") || (t.isStringLiteral(m.key) && m.key.value === "name")));
}

function exObject(em: FnEmitter, node: t.ObjectExpression, L: List): t.Expression {
  const props = node.properties;
  let last = -1;
  props.forEach((p, i) => {
    if (propHasCall(p)) last = i;
  });
  const out: Array<t.ObjectProperty | t.SpreadElement> = [];
  const accessors: Array<{ key: t.Expression; computed: boolean; kind: "get" | "set"; fn: t.Expression }> = [];
  props.forEach((p, i) => {
    const later = props.slice(i + 1, last + 1);
    const fix = (e: t.Expression): t.Expression => (i < last && !stable(em, e, later) ? materialize(em, e, L) : e);
    if (t.isSpreadElement(p)) {
      const v = ex(em, p.argument, L);
      if (i < last) {
        const tmp = em.temp();
        L.add(assign(tmp, t.objectExpression([t.spreadElement(v)])));
        out.push(t.spreadElement(t.identifier(tmp)));
      } else {
        out.push(t.spreadElement(v));
      }
      return;
    }
    // `[k]: function () {}`: the anonymous function is named after the key (NamedEvaluation),
    // which only exists at run time; its factory makes it anonymous.
    const named = t.isObjectProperty(p) && p.computed && isAnonymousDefinition(p.value);
    let key: t.Expression;
    if (p.computed) {
      // Converted where it stands when it is used twice (an accessor or a named value)
      // or ahead of the literal (later properties call): see ModuleCtx.propKey.
      const k = ex(em, p.key as t.Expression, L);
      const early = t.isObjectMethod(p) || i <= last || named;
      key = early ? materialize(em, em.mod.propKey(k), L) : materialize(em, k, L);
    } else {
      key = cloneExpr(p.key as t.Expression);
    }
    // A method named `__proto__` defines an own property; written as `__proto__: f` it
    // would set the prototype instead. As a computed key it stays a definition.
    const protoKey = !p.computed && t.isObjectMethod(p) && (t.isIdentifier(p.key, { name: "__proto__" }) || t.isStringLiteral(p.key, { value: "__proto__" }));
    const computed = p.computed || protoKey;
    if (protoKey) key = t.stringLiteral("__proto__");
    if (t.isObjectProperty(p)) {
      const v = ex(em, p.value as t.Expression, L);
      // `{ __proto__ }` defines a property; `{ __proto__: v }` would set the prototype.
      const protoShorthand = p.shorthand && t.isIdentifier(p.key, { name: "__proto__" });
      out.push(t.objectProperty(protoShorthand ? t.stringLiteral("__proto__") : key, fix(named ? em.mod.nameFn(v, key, "") : v), p.computed || protoShorthand));
      return;
    }
    let fn = closureExpr(em, p);
    // A computed key's method is named here, where the key is known (ModuleCtx.nameFn).
    if (p.computed) fn = em.mod.nameFn(fn, key, p.kind === "method" ? "" : `${p.kind} `);
    if (p.kind === "method") {
      out.push(t.objectProperty(key, fn, computed));
    } else {
      // Accessors cannot be written as values: keep the property's place with a
      // placeholder, then define the compiled accessor on it.
      out.push(t.objectProperty(t.cloneNode(key), t.identifier("undefined"), computed));
      accessors.push({ key, computed, kind: p.kind, fn });
    }
  });
  if (accessors.length === 0) return t.objectExpression(out);
  const obj = em.temp();
  L.add(assign(obj, t.objectExpression(out)));
  for (const a of accessors) {
    const keyExpr = a.computed ? t.cloneNode(a.key) : t.isIdentifier(a.key) ? t.stringLiteral(a.key.name) : t.cloneNode(a.key);
    const desc = t.objectExpression([
      t.objectProperty(t.identifier(a.kind), a.fn),
      t.objectProperty(t.identifier("enumerable"), t.booleanLiteral(true)),
      t.objectProperty(t.identifier("configurable"), t.booleanLiteral(true)),
    ]);
    L.add(t.expressionStatement(t.callExpression(t.memberExpression(t.identifier("Object"), t.identifier("defineProperty")), [t.identifier(obj), keyExpr, desc])));
  }
  return t.identifier(obj);
}


/**
 * `delete` of anything but a property. A variable that stayed native (a global, an
 * unresolved name) is deleted as it is; one the compiler moved into a slot or an env
 * record is a declarative binding, which `delete` leaves alone (`false`; an env member
 * must not be deleted). Any other operand (`new.target`, `this`, a call: in the output
 * perhaps a slot) is evaluated and the result is `true`, as natively: `delete $nt` would
 * be a SyntaxError in strict code.
 */
function exDeleteOther(em: FnEmitter, arg: t.Expression, L: List): t.Expression {
  const v = ex(em, arg, L);
  if (t.isIdentifier(arg)) {
    return t.isIdentifier(v) && v.name === arg.name ? t.unaryExpression("delete", v, true) : t.booleanLiteral(false);
  }
  return t.sequenceExpression([v, t.booleanLiteral(true)]);
}

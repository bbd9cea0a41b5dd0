/**
 * Call sites (protocol rule 5) and optional chains. Every call becomes its own statement
 * with its operands already evaluated, in JavaScript's order:
 *   $rt.callee = F; R = F(…)   |   $tF = O.m; $rt.callee = $tF; R = $tF.call(O, …)
 * plus the resume point around it (FnEmitter.callSite).
 */
import * as t from "@babel/types";
import { hasCall, hasVarAssign, isNativeCall } from "../analysis/meta.js";
import { assign, type FnEmitter } from "./emitter.js";
import { ex, exList, exprs, materialize, nullish, stable, superGet, toTemp } from "./expressions.js";
import { List, seal } from "./list.js";

/**
 * Methods whose built-in versions call back into tasklet code; call sites of these names
 * ask `$rt.soft(method, receiver)` for a tasklet-code version. Known to runtime/soft.ts
 * (SOFT_METHOD_NAMES): change both together.
 */
const SOFT_METHOD_NAMES: ReadonlySet<string> = new Set([
  "map", "forEach", "filter", "reduce", "reduceRight", "some", "every", "find", "findIndex",
  "findLast", "findLastIndex", "flatMap", "sort", "from", "bind", "replace", "replaceAll", "parse", "stringify",
  "next", "return", "throw",
]);
import { emulatesSuper, thisExpr } from "./refs.js";

/** `o.map`, `o?.map` (not computed, not on super): a callee the runtime may make soft. */
function isSoftMethod(callee: t.Node): boolean {
  return (t.isMemberExpression(callee) || t.isOptionalMemberExpression(callee)) && !callee.computed &&
    t.isIdentifier(callee.property) && SOFT_METHOD_NAMES.has(callee.property.name) && !t.isSuper(callee.object);
}

type Arg = t.Expression | t.SpreadElement | t.ArgumentPlaceholder;

function cloneExpr<T extends t.Node>(e: T): T {
  return t.cloneNode(e, true);
}


/** Can `e` be read twice with nothing but call-free operands in between? */
function cheapRead(em: FnEmitter, e: t.Expression): boolean {
  return t.isIdentifier(e) || t.isThisExpression(e) || em.mod.isEnvRef(e);
}

/**
 * Can evaluating `e` run user code or throw (a getter, a TDZ or unresolvable read, an
 * iterator)? Inert: literals, `this`, temporaries, locals, env members, function
 * expressions, and operators over inert operands (an operand's valueOf/toString is
 * not counted: `o.m(i * 2)` stays as it is).
 */
function inert(em: FnEmitter, e: t.Node): boolean {
  if (t.isTemplateLiteral(e)) return e.expressions.every((x) => inert(em, x));
  if (t.isLiteral(e) || t.isThisExpression(e) || em.isTemp(e) || em.isPure(e) || em.isLocalVar(e) || em.mod.isEnvRef(e)) return true;
  if (t.isFunctionExpression(e) || t.isArrowFunctionExpression(e)) return true;
  if (em.mod.isFactoryCall(e)) return (e as t.CallExpression).arguments.every((a) => inert(em, a));
  if (t.isUnaryExpression(e)) return e.operator !== "delete" && inert(em, e.argument);
  if (t.isBinaryExpression(e) || t.isLogicalExpression(e)) return !t.isPrivateName(e.left) && e.operator !== "in" && e.operator !== "instanceof" && inert(em, e.left) && inert(em, e.right);
  if (t.isConditionalExpression(e)) return inert(em, e.test) && inert(em, e.consequent) && inert(em, e.alternate);
  if (t.isArrayExpression(e)) return e.elements.every((x) => x === null || inert(em, x));
  if (t.isObjectExpression(e)) return e.properties.every((p) => t.isObjectProperty(p) && !p.computed && inert(em, p.value));
  return false;
}

/**
 * Arguments for a call whose callee is checked first (`typeof $f !== "function"`):
 * natively the arguments run before the TypeError, so any that can run code or throw
 * is evaluated into a temporary before the check (spreads are collected into an array).
 */
function settleArgs(em: FnEmitter, args: Array<t.Expression | t.SpreadElement>, L: List): Array<t.Expression | t.SpreadElement> {
  return args.map((a) => {
    if (inert(em, a)) return a;
    if (t.isSpreadElement(a)) return t.spreadElement(t.callExpression(em.rt("respread"), [toTemp(em, t.arrayExpression([a]), L)]));
    return toTemp(em, a, L);
  });
}

/**
 * A call site (rule 5). Member calls read the method once into a temporary and call it
 * with `.call`, so a getter runs once and `$rt.callee` is exactly the function called.
 */
/**
 * `awaitSite`: the call stands directly under `await` (in an async function): the call
 * site first sets `$rt.awaiting` to the callee, so a compiled async callee runs inline
 * (protocol "Async functions"), and reports the callee expression for `$rt.done`.
 */
export interface AwaitSite {
  callee: t.Expression | null;
}

/**
 * The right side of a for-of that is `obj.entries()`, `obj.keys()` or `obj.values()`
 * (compiler/emit/control.ts forOf marks the call): the call site passes obj, the method
 * and the result to `$rt.sourced` (runtime/collection-cursor.ts), which knows the
 * collection of a built-in iterator only here.
 */
export const SOURCED_METHODS = new Set(["entries", "keys", "values"]);
export const sourcedCalls = new WeakSet<t.Node>();

export function exCall(em: FnEmitter, node: t.CallExpression | t.NewExpression | t.TaggedTemplateExpression, L: List, want: boolean, awaitSite?: AwaitSite): t.Expression | null {
  const loc = node.loc;
  if (t.isTaggedTemplateExpression(node)) {
    const quasi = node.quasi;
    let tag: t.Expression;
    if (t.isMemberExpression(node.tag) && !t.isSuper(node.tag.object)) {
      const o = toTemp(em, ex(em, node.tag.object, L), L);
      const k = node.tag.computed ? materialize(em, ex(em, node.tag.property as t.Expression, L), L) : cloneExpr(node.tag.property);
      tag = t.memberExpression(o, k, node.tag.computed);
    } else {
      tag = ex(em, node.tag, L);
      if (!cheapRead(em, tag) || quasi.expressions.some((e) => hasCall(e))) tag = toTemp(em, tag, L);
    }
    const parts = exprs(exList(em, quasi.expressions as t.Expression[], L));
    const r = want ? em.temp() : null;
    // tag(site, ...parts): the template object is the site's module-level constant
    // (ModuleEmitter.templateSite: it pickles by reference). A tag read from an
    // environment record (`$e.tag`, a captured variable) is called without that record
    // as its `this` (natively `this` is undefined for a tag that is not a member).
    const site = t.identifier(em.mod.templateSite(quasi));
    const fn = !t.isMemberExpression(node.tag) && t.isMemberExpression(tag) ? t.sequenceExpression([t.numericLiteral(0), tag]) : tag;
    em.call(L, loc, t.cloneNode(tag), t.callExpression(fn, [site, ...parts]), r);
    return r ? t.identifier(r) : null;
  }
  const args = node.arguments;
  const argsCall = args.some((a) => hasCall(a));
  if (t.isNewExpression(node)) {
    let c = ex(em, node.callee as t.Expression, L);
    if (!cheapRead(em, c) || (argsCall && !stable(em, c, args))) c = toTemp(em, c, L);
    const a = exList(em, args, L) as Arg[];
    const r = want ? em.temp() : null;
    const sameName = t.isIdentifier(c) && t.isIdentifier(node.callee) && c.name === node.callee.name;
    em.call(L, loc, t.cloneNode(c), t.newExpression(c, a as Array<t.Expression | t.SpreadElement>), r, undefined,
      sameName ? undefined : { value: t.cloneNode(c), text: calleeText(node.callee) });
    return r ? t.identifier(r) : null;
  }
  const callee = node.callee;
  // Not call sites: `import(…)`, and `Math.sqrt(x)` (analysis/meta.ts markNativeCall; the global name is read as it is)
  if (t.isImport(callee) || isNativeCall(node)) {
    const call = t.callExpression(t.isImport(callee) ? t.import() : cloneExpr(callee as t.Expression), exList(em, args, L) as Array<t.Expression | t.SpreadElement>);
    if (want) return call;
    L.add(t.expressionStatement(call));
    return null;
  }
  if (t.isSuper(callee) || t.isV8IntrinsicIdentifier(callee)) {
    throw em.mod.errors.error(node, "`super(…)` may only stand as a top-level statement of a constructor in tasklet code");
  }
  // `(o?.m)()` (a parenthesized optional chain as the callee) still calls with `o` as
  // `this`; the base is the chain's object part, and a nullish base gives undefined (whose
  // call then throws, as natively).
  const optionalCallee = t.isOptionalMemberExpression(callee) && !t.isSuper(callee.object) ? callee : null;
  if (t.isMemberExpression(callee) || optionalCallee) {
    const mcallee = callee as t.MemberExpression | t.OptionalMemberExpression;
    let obj: t.Expression;
    let fnRead: t.Expression;
    if (t.isSuper(mcallee.object) && emulatesSuper(em.fn)) {
      obj = toTemp(em, thisExpr(em.mod, em.fn, em), L);
      fnRead = superGet(em, mcallee as t.MemberExpression, L);
    } else if (t.isSuper(mcallee.object)) {
      const k = mcallee.computed ? materialize(em, ex(em, mcallee.property as t.Expression, L), L) : cloneExpr(mcallee.property);
      obj = thisExpr(em.mod, em.fn, em);
      fnRead = t.memberExpression(t.super(), k, mcallee.computed);
    } else {
      const laterThanObj: t.Node[] = [...(mcallee.computed ? [mcallee.property] : []), ...args];
      obj = ex(em, mcallee.object, L);
      if (!(t.isThisExpression(obj) || em.isTemp(obj) || (cheapRead(em, obj) && !argsCall && !(mcallee.computed && hasCall(mcallee.property))) ||
        (em.isLocalVar(obj) && !laterThanObj.some((n) => hasVarAssign(n))))) {
        obj = toTemp(em, obj, L);
      }
      if (optionalCallee && !em.isTemp(obj)) obj = toTemp(em, obj, L);
      const k = mcallee.computed ? ex(em, mcallee.property as t.Expression, L) : cloneExpr(mcallee.property);
      fnRead = t.memberExpression(t.cloneNode(obj), k, mcallee.computed);
      if (optionalCallee && optionalCallee.optional) fnRead = t.conditionalExpression(nullish(t.cloneNode(obj)), t.identifier("undefined"), fnRead);
    }
    const f = em.temp();
    L.add(assign(f, fnRead));
    // A built-in that calls back (`xs.map(cb)`): the runtime may swap in its tasklet-code
    // version, so a switch inside cb is soft (runtime/soft.ts; the names are known to both).
    if (isSoftMethod(mcallee)) L.add(assign(f, t.callExpression(em.rt("soft"), [t.identifier(f), t.cloneNode(obj)])));
    const a = settleArgs(em, exList(em, args, L) as Array<t.Expression | t.SpreadElement>, L);
    const r = want ? em.temp() : null;
    // `g.call(…)` / `g.apply(…)`: the builtin only forwards to g and returns what g
    // returns (rt.UNWIND included), so when the method is the builtin the call is a
    // direct call of g, and g may switch softly.
    const viaBuiltin = !mcallee.computed && t.isIdentifier(mcallee.property) && (mcallee.property.name === "call" || mcallee.property.name === "apply") && !t.isSuper(mcallee.object)
      ? em.mod.builtinName(mcallee.property.name)
      : null;
    let calleeValue: t.Expression = viaBuiltin
      ? t.conditionalExpression(t.binaryExpression("===", t.identifier(f), t.identifier(viaBuiltin)), t.cloneNode(obj), t.identifier(f))
      : t.identifier(f);
    // `Reflect.apply(g, o, args)` forwards to g the same way: g is its first argument.
    const first = a[0];
    if (viaBuiltin && (mcallee.property as t.Identifier).name === "apply" && t.isIdentifier(first)) {
      const reflect = t.binaryExpression("===", t.identifier(f), t.identifier(em.mod.builtinName("reflect")));
      calleeValue = t.conditionalExpression(reflect, t.cloneNode(first), calleeValue);
    }
    if (awaitSite) markAwaited(em, L, calleeValue, awaitSite);
    em.call(L, loc, calleeValue, t.callExpression(t.memberExpression(t.identifier(f), t.identifier("call")), [obj, ...a]), r, { value: t.identifier(f), text: calleeText(callee) }, undefined, awaitSite ? t.cloneNode(calleeValue, true) : undefined);
    // for-of's `obj.entries()` (see SOURCED_METHODS): a built-in iterator of a Map, Set or
    // Array becomes a cursor that pickles. Reading obj again is safe: when f is the
    // built-in, the call ran no program code.
    if (r && sourcedCalls.has(node)) L.add(assign(r, t.callExpression(em.rt("sourced"), [t.cloneNode(obj), t.identifier(f), t.identifier(r)])));
    return r ? t.identifier(r) : null;
  }
  let c = ex(em, callee, L);
  if (!cheapRead(em, c) || (argsCall && !stable(em, c, args))) c = toTemp(em, c, L);
  // A callee that is not the source identifier itself (a temporary, an env member, a
  // renamed local) would name itself in the TypeError: check first (after the arguments).
  const sameName = t.isIdentifier(c) && t.isIdentifier(callee) && c.name === callee.name;
  const raw = exList(em, args, L) as Array<t.Expression | t.SpreadElement>;
  const a = sameName ? raw : settleArgs(em, raw, L);
  const r = want ? em.temp() : null;
  // A member here is an env record read: call it without the record as `this`.
  const callee2 = t.isMemberExpression(c) ? t.sequenceExpression([t.numericLiteral(0), t.cloneNode(c)]) : t.cloneNode(c);
  if (awaitSite) markAwaited(em, L, c, awaitSite);
  em.call(L, loc, c, t.callExpression(callee2, a), r, sameName ? undefined : { value: t.cloneNode(c), text: calleeText(callee) }, undefined, awaitSite ? t.cloneNode(c, true) : undefined);
  return r ? t.identifier(r) : null;
}

/**
 * The callee as V8 names it in "x is not a function" (its CallPrinter, roughly):
 * `o.m`, `o[k]`, `o[1]`, `f(...).m`, `o?.m`, `this.m`; anything else is
 * "(intermediate value)".
 */
export function calleeText(node: t.Node): string {
  const inner = (n: t.Node): string => {
    if (t.isParenthesizedExpression(n) || t.isTSAsExpression(n) || t.isTSNonNullExpression(n) || t.isTSSatisfiesExpression(n) || t.isTSTypeAssertion(n)) return inner(n.expression);
    if (t.isIdentifier(n)) return n.name;
    if (t.isThisExpression(n)) return "this";
    if (t.isSuper(n)) return "(intermediate value)";
    if (t.isMemberExpression(n) || t.isOptionalMemberExpression(n)) {
      const dot = t.isOptionalMemberExpression(n) && n.optional ? "?." : ".";
      const obj = inner(n.object);
      if (!n.computed) return `${obj}${dot}${t.isPrivateName(n.property) ? `#${n.property.id.name}` : (n.property as t.Identifier).name}`;
      const p = n.property;
      if (t.isStringLiteral(p)) return `${obj}${dot}${p.value}`;
      if (t.isTemplateLiteral(p) && p.expressions.length === 0) return `${obj}${dot}${p.quasis[0]?.value.cooked ?? ""}`;
      if (t.isNullLiteral(p) || t.isBooleanLiteral(p)) return `${obj}${dot === "?." ? "?.[" : "["}${t.isNullLiteral(p) ? "null" : String(p.value)}]`;
      if (t.isUnaryExpression(p) && p.operator === "-" && t.isNumericLiteral(p.argument)) return `${obj}${dot === "?." ? "?.[" : "["}-${p.argument.value}]`;
      const q = dot === "?." ? "?.[" : "[";
      if (t.isNumericLiteral(p) || t.isIdentifier(p) || t.isMemberExpression(p) || t.isCallExpression(p)) return `${obj}${q}${inner(p)}]`;
      return `${obj}${q}(intermediate value)]`;
    }
    if (t.isCallExpression(n) || t.isOptionalCallExpression(n)) return `${inner(n.callee)}(...)`;
    if (t.isNumericLiteral(n)) return String(n.value);
    return "(intermediate value)";
  };
  return inner(node);
}

function markAwaited(em: FnEmitter, L: List, callee: t.Expression, site: AwaitSite): void {
  L.add(t.expressionStatement(t.assignmentExpression("=", em.rt("awaiting"), t.cloneNode(callee, true))));
  site.callee = t.cloneNode(callee, true);
}

// ---- optional chains ------------------------------------------------------------------------

type ChainNode = t.OptionalMemberExpression | t.OptionalCallExpression;

/** A chain without calls stays a native optional chain. */
export function nativeChain(em: FnEmitter, node: t.Expression, L: List): t.Expression {
  if (t.isOptionalMemberExpression(node)) {
    const o = nativeChain(em, node.object, L);
    const p = node.computed ? ex(em, node.property as t.Expression, L) : cloneExpr(node.property as t.Identifier);
    return t.optionalMemberExpression(o, p, node.computed, node.optional);
  }
  return ex(em, node, L);
}

/**
 * A chain with calls: `Lopt: { …; if (o == null) { R = undefined; break Lopt; } …; R = v }`,
 * every link evaluated once, in order.
 */
export function exOptional(em: FnEmitter, node: ChainNode, L: List): t.Expression {
  const r = em.temp();
  const label = em.label("$Lopt");
  const inner = new List();
  const short = (v: t.Expression): void => {
    inner.add(t.ifStatement(nullish(t.cloneNode(v)), t.blockStatement([assign(r, t.identifier("undefined")), t.breakStatement(t.identifier(label))])));
  };
  const link = (n: t.Expression): { value: t.Expression; thisArg: t.Expression | null } => {
    if (t.isOptionalMemberExpression(n)) {
      const o = toTemp(em, link(n.object).value, inner);
      if (n.optional) short(o);
      const k = n.computed ? materialize(em, ex(em, n.property as t.Expression, inner), inner) : cloneExpr(n.property as t.Identifier);
      return { value: t.memberExpression(t.cloneNode(o), k, n.computed), thisArg: o };
    }
    if (t.isOptionalCallExpression(n)) {
      const c = link(n.callee);
      const f = toTemp(em, c.value, inner);
      if (n.optional) short(f);
      // `xs?.map(cb)`, `xs.map?.(cb)`: as in exCall, the runtime may swap in the
      // tasklet-code version of a built-in that calls back (runtime/soft.ts).
      if (c.thisArg && isSoftMethod(n.callee)) inner.add(assign(f.name, t.callExpression(em.rt("soft"), [t.cloneNode(f), t.cloneNode(c.thisArg)])));
      const a = exList(em, n.arguments, inner) as Array<t.Expression | t.SpreadElement>;
      const res = em.temp();
      const call = c.thisArg
        ? t.callExpression(t.memberExpression(t.cloneNode(f), t.identifier("call")), [t.cloneNode(c.thisArg), ...a])
        : t.callExpression(t.cloneNode(f), a);
      em.call(inner, n.loc, t.cloneNode(f), call, res, { value: t.cloneNode(f), text: calleeText(n.callee) });
      return { value: t.identifier(res), thisArg: null };
    }
    if (t.isMemberExpression(n) && t.isSuper(n.object)) {
      // `super.m?.()` calls with the method's `this`, as `super.m()` does.
      const thisArg = emulatesSuper(em.fn) ? toTemp(em, thisExpr(em.mod, em.fn, em), inner) : thisExpr(em.mod, em.fn, em);
      return { value: ex(em, n, inner), thisArg };
    }
    if (t.isMemberExpression(n)) {
      const o = toTemp(em, ex(em, n.object, inner), inner);
      const k = n.computed ? materialize(em, ex(em, n.property as t.Expression, inner), inner) : cloneExpr(n.property);
      return { value: t.memberExpression(t.cloneNode(o), k, n.computed), thisArg: o };
    }
    return { value: ex(em, n, inner), thisArg: null };
  };
  inner.add(assign(r, link(node).value));
  const [lo, hi] = inner.range;
  L.add(t.labeledStatement(t.identifier(label), t.blockStatement(seal(inner, em.pcVar))), lo, hi);
  return t.identifier(r);
}

/**
 * Classes with private instance state (`#x` fields, `#m()` methods and accessors, which
 * brand instances): protocol rule 12 "Private state", runtime/private-state.ts. Only code
 * inside the class body can read, write or add private names, so the class itself helps
 * pickling:
 * - its leading static block registers `$m.privates(this, ["#a", "#b"], read, write)`,
 *   `read = (o) => #k in o ? [o.#a, o.#b] : null` (#k: the first private method, whose
 *   brand comes before every field, else the first field), `write = (o, v) => { o.#a =
 *   v[0]; o.#b = v[1]; }`;
 * - unpickling gives an object the class's brand by constructing it with `$rt.restoring`
 *   set, so the class runs nothing of the program then: its explicit constructor starts
 *   with `if ($rt.restoring) return;` (derived: `{ super(); return; }`), and every
 *   instance field initializer and constructor default value that could run code becomes
 *   `$rt.restoring ? void 0 : <value>`. Values that run nothing (literals, `[]`, `{}` of
 *   such) stay as they are: construction pays nothing for them.
 * A constructor parameter that is a pattern would destructure `undefined` then: such a
 * class registers why its instances cannot be restored, and pickling one is a PickleError.
 * Classes without private instance state compile exactly as before.
 */
import * as t from "@babel/types";
import type { ModuleCtx } from "./module.js";

export interface PrivateState {
  /** instance private field names, in declaration order */
  readonly fields: readonly string[];
  /** the private name whose presence is the class's brand */
  readonly brand: string;
  readonly derived: boolean;
  /** why instances cannot be restored, or null */
  readonly unrestorable: string | null;
}

type Param = t.ClassMethod["params"][number];

export function privateStateOf(node: t.Class, className: string): PrivateState | null {
  const members = node.body.body;
  const fields = members.filter((m): m is t.ClassPrivateProperty => t.isClassPrivateProperty(m) && !m.static).map((m) => m.key.id.name);
  const methods = members.filter((m): m is t.ClassPrivateMethod => t.isClassPrivateMethod(m) && !m.static).map((m) => m.key.id.name);
  const brand = methods[0] ?? fields[0];
  if (brand === undefined) return null;
  const ctor = members.find((m): m is t.ClassMethod => t.isClassMethod(m) && m.kind === "constructor");
  const pattern = ctor?.params.find((p) => !t.isIdentifier(paramTarget(p)));
  const unrestorable = pattern
    ? `class ${className} has private state and a constructor parameter that is a destructuring pattern (line ${pattern.loc?.start.line ?? "?"}), which unpickling would have to run: destructure in the constructor's body instead`
    : null;
  return { fields, brand, derived: node.superClass != null, unrestorable };
}

/** The binding target of a parameter: what is left of its default, rest or TS modifier. */
function paramTarget(p: Param): t.Node {
  let q: t.Node = p;
  if (t.isTSParameterProperty(q)) q = q.parameter;
  if (t.isAssignmentPattern(q)) q = q.left;
  if (t.isRestElement(q)) q = q.argument;
  return q;
}

/** The statement of the leading static block: `$m.privates(this, names, read, write[, why])`. */
export function registration(mod: ModuleCtx, s: PrivateState): t.Statement {
  const o = (): t.Identifier => t.identifier("o");
  const at = (name: string): t.MemberExpression => t.memberExpression(o(), t.privateName(t.identifier(name)));
  const read = t.arrowFunctionExpression([o()], t.conditionalExpression(
    t.binaryExpression("in", t.privateName(t.identifier(s.brand)), o()),
    t.arrayExpression(s.fields.map(at)),
    t.nullLiteral(),
  ));
  const write = t.arrowFunctionExpression([o(), t.identifier("v")], t.blockStatement(s.fields.map((name, i) =>
    t.expressionStatement(t.assignmentExpression("=", at(name), t.memberExpression(t.identifier("v"), t.numericLiteral(i), true))))));
  const args: t.Expression[] = [t.thisExpression(), t.arrayExpression(s.fields.map((f) => t.stringLiteral(`#${f}`))), read, write];
  if (s.unrestorable !== null) args.push(t.stringLiteral(s.unrestorable));
  return t.expressionStatement(t.callExpression(t.memberExpression(t.identifier(mod.mName), t.identifier("privates")), args));
}

/** `$rt.restoring ? void 0 : value`, or `value` when evaluating it runs nothing of the program. */
export function guardValue(mod: ModuleCtx, value: t.Expression): t.Expression {
  if (runsNothing(value)) return value;
  return t.conditionalExpression(mod.rt("restoring"), t.unaryExpression("void", t.numericLiteral(0)), value);
}

/** The constructor's parameters with their default values guarded (patterns are `unrestorable`). */
export function guardParams<P extends Param>(mod: ModuleCtx, params: P[]): P[] {
  for (const p of params) {
    const q = t.isTSParameterProperty(p) ? p.parameter : p;
    if (t.isAssignmentPattern(q)) q.right = guardValue(mod, q.right);
  }
  return params;
}

/** The constructor body's first statement: `if ($rt.restoring) return;` or, derived, `{ super(); return; }`. */
export function constructorGuard(mod: ModuleCtx, s: PrivateState): t.Statement {
  const ret = t.returnStatement();
  const then = s.derived ? t.blockStatement([t.expressionStatement(t.callExpression(t.super(), [])), ret]) : ret;
  return t.ifStatement(mod.rt("restoring"), then);
}

/** Literals, and array and object literals of them: evaluating one runs no code. */
function runsNothing(e: t.Node): boolean {
  if (t.isLiteral(e)) return !t.isTemplateLiteral(e) || e.expressions.length === 0;
  if (t.isIdentifier(e)) return e.name === "undefined";
  if (t.isUnaryExpression(e)) return (e.operator === "-" || e.operator === "!" || e.operator === "void") && t.isLiteral(e.argument) && runsNothing(e.argument);
  if (t.isArrayExpression(e)) return e.elements.every((x) => x === null || (!t.isSpreadElement(x) && runsNothing(x)));
  if (t.isObjectExpression(e)) {
    return e.properties.every((p) => t.isObjectProperty(p) && !p.computed && runsNothing(p.value));
  }
  return false;
}

/**
 * Which contexts become tasklet code: the only place with these rules.
 *
 * - compiled: plain functions, arrows, methods, getters and setters whose enclosing
 *   contexts are all compiled (or the module);
 * - ctor: a class constructor whose code after `super(…)` (all of it in a base class)
 *   moves into a compiled init method (protocol rule 12);
 * - compiled too: class field initializers and `static {}` blocks (emit/classes.ts runs
 *   them as compiled functions called from where they stand);
 * - compiled generators: `function*` and `async function*` declarations and expressions
 *   and (async) generator methods (classes, private, static, object literals), with any
 *   parameters: the function stays a native (async) generator whose body drives the
 *   compiled body (protocol "Generators", "Async generators");
 * - plain: generators whose parameter expressions create functions or classes (see
 *   bindsOnlyParameters),
 *   constructors that cannot be split, the elements listed at classifyElement, and
 *   everything nested in plain code.
 * Async functions compile (their `await` blocks only the tasklet; protocol "Async
 * functions").
 */
import * as t from "@babel/types";
import type { NodePath } from "@babel/traverse";
import type { CompileErrors } from "./errors.js";
import { isSimpleParams, pureBuiltinRoot } from "./analysis/meta.js";
import type { CtxNode, FnInfo } from "./analysis/scope.js";

export type Mode = "compiled" | "plain" | "ctor";

export interface Classification {
  mode: Mode;
  superIndex: number;
  /** A leaf constructor left plain (leafShape): it charges its statements on entry. */
  leafCtor?: true;
}

const PLAIN: Classification = { mode: "plain", superIndex: -1 };

export function classify(path: NodePath<CtxNode>, parent: FnInfo | null, errors: CompileErrors, unsupported: "plain" | "error" = "plain"): Classification {
  const node = path.node;
  if (parent && parent.mode === "plain") return PLAIN;
  // `with` or a direct `eval` anywhere inside (nested functions too: an eval sees every
  // enclosing function's variables by name): the whole chain of functions around it stays
  // plain code, with JavaScript's own semantics (compiler option unsupported: "error"
  // makes it a compile error instead).
  // (Only at the top: a compiled parent's subtree, which holds this one, had none.)
  const at = parent === null ? dynamicScopeUse(path) : null;
  if (at !== null) {
    if (unsupported === "error") throw errors.error(at, unsupportedMessage(at));
    return PLAIN;
  }
  // `super` that compiled code cannot reach (see superOutOfReach): plain as well, unless
  // the option asks for the compile errors the emitter gives.
  if (parent === null && unsupported === "plain" && superOutOfReach(path)) return PLAIN;
  // A function inside a module-level `with` (sloppy scripts) resolves its free names
  // through the with object: built by a factory away from it, it would not.
  const around = parent === null ? path.findParent((p) => p.isWithStatement()) : null;
  if (around !== null) {
    if (unsupported === "error") throw errors.error(around.node, unsupportedMessage(around.node));
    return PLAIN;
  }
  if (parent && parent.mode === "ctor" && !inInitPart(parent, path)) return PLAIN;
  if (!t.isFunction(node)) return classifyElement(node);
  if (node.generator && !compilableGenerator(path as NodePath<t.Function>)) return PLAIN;
  if (t.isClassMethod(node) && node.kind === "constructor") return splitConstructor(path as NodePath<t.ClassMethod>);
  return { mode: "compiled", superIndex: -1 };
}

/**
 * A generator whose body can move into a compiled function called with the generator's
 * `this` and its bound parameters. The native wrapper keeps the source's parameters, so
 * defaults and patterns run natively at the call (before the first next()); the body gets
 * the values they bound. That is only the same as one activation when no closure sees
 * the parameter scope (a function or class in a parameter expression could capture a
 * parameter the body then writes). Parameter expressions do not see the body's
 * declarations (a separate scope, as Babel models it); bindsOnlyParameters checks that
 * again, since the body's bindings become slots the wrapper could not reach.
 * Methods compile too: their body becomes a hidden method of the same home object, so
 * `super` keeps its meaning (emit/classes.ts, emit/program.ts). Async generators take
 * the same forms: only the wrapper's block differs (emit/async-generators.ts).
 */
function compilableGenerator(path: NodePath<t.Function>): boolean {
  const node = path.node;
  if (t.isFunctionDeclaration(node) && !node.id) return false;
  const isMethod = t.isObjectMethod(node) || t.isClassMethod(node) || t.isClassPrivateMethod(node);
  if (!t.isFunctionDeclaration(node) && !t.isFunctionExpression(node) && !(isMethod && node.kind === "method")) return false;
  const simple = isSimpleParams(node.params);
  if (!simple && !bindsOnlyParameters(path)) return false;
  // What a compiled function cannot have (checkSupported) keeps a generator plain, as it
  // was, instead of failing the compile; and in sloppy code `arguments` stays mapped to
  // the parameters only if the body keeps running in one activation.
  let plain = false;
  // (isInStrictMode starts at the parent: the function's own directive counts too)
  const sloppy = !path.isInStrictMode() && !(node.body as t.BlockStatement).directives.some((d) => d.value.value === "use strict");
  path.traverse({
    Function(p) {
      if (!p.isArrowFunctionExpression()) p.skip();
    },
    WithStatement() {
      plain = true;
    },
    CallExpression(p) {
      if (t.isIdentifier(p.node.callee, { name: "eval" }) && !p.scope.getBinding("eval")) plain = true;
    },
    Identifier(p) {
      // (unmapped with non-simple parameters: those compile)
      if (simple && sloppy && p.node.name === "arguments" && p.isReferencedIdentifier() && !p.scope.getBinding("arguments")) plain = true;
    },
  });
  return !plain;
}

/**
 * Non-simple parameters that the native wrapper can bind alone: no function or class in
 * them, no parameter named `arguments` or `eval`, and every identifier they read that the
 * generator itself declares is a parameter.
 */
function bindsOnlyParameters(path: NodePath<t.Function>): boolean {
  const params = path.get("params") as NodePath[];
  const own = path.scope;
  let ok = true;
  for (const p of params) {
    if (containsFunction(p.node)) return false;
    for (const name of Object.keys(t.getBindingIdentifiers(p.node))) if (name === "arguments" || name === "eval") return false;
    p.traverse({
      Identifier(q) {
        if (!q.isReferencedIdentifier()) return;
        const b = q.scope.getBinding(q.node.name);
        if (b && b.scope === own && b.kind !== "param") ok = false;
      },
    });
    if (!ok) return false;
  }
  return true;
}

/** Is `path` inside the part of constructor `ctor` that moves into its init method? */
function inInitPart(ctor: FnInfo, path: NodePath): boolean {
  const body = (ctor.node as t.ClassMethod).body.body;
  for (let p: NodePath | null = path; p; p = p.parentPath) {
    if (p.parentPath?.node === (ctor.node as t.ClassMethod).body && p.listKey === "body") {
      return body.indexOf(p.node as t.Statement) > ctor.superIndex;
    }
    if (p.node === ctor.node) return false;
  }
  return false;
}

/**
 * A constructor splits when the init part can run on its own: in a derived class,
 * `super(…)` is exactly one top-level statement, and neither the parameters nor the code
 * before it create functions or use `arguments`. Otherwise it stays plain code (calls in
 * it run nested), which is always correct.
 */
function splitConstructor(path: NodePath<t.ClassMethod>): Classification {
  const node = path.node;
  const cls = path.parentPath.parentPath?.node;
  const derived = t.isClass(cls) && cls.superClass != null;
  let superCalls = 0;
  let usesArguments = false;
  // Nothing in it could be a resume point: no function, class or call but pure built-ins.
  let leaf = true;
  path.traverse({
    Function(p) {
      leaf = false;
      if (!p.isArrowFunctionExpression()) p.skip();
    },
    "Class|NewExpression|OptionalCallExpression|TaggedTemplateExpression|AwaitExpression|YieldExpression"() {
      leaf = false;
    },
    CallExpression(p) {
      if (t.isSuper(p.node.callee)) superCalls++;
      const root = pureBuiltinRoot(p.node);
      if (root === null || p.scope.getBinding(root.name)) leaf = false;
    },
    Identifier(p) {
      if (p.node.name === "arguments" && p.isReferencedIdentifier() && !p.scope.getBinding("arguments")) usesArguments = true;
    },
  });
  if (usesArguments) return PLAIN;
  const body = node.body.body;
  let superIndex = -1;
  if (derived) {
    superIndex = body.findIndex(
      (s) => t.isExpressionStatement(s) && t.isCallExpression(s.expression) && t.isSuper(s.expression.callee),
    );
    if (superIndex < 0 || superCalls !== 1) return PLAIN;
  } else if (superCalls !== 0) {
    return PLAIN;
  }
  const before: t.Node[] = [...node.params, ...body.slice(0, superIndex + 1)];
  if (before.some(containsFunction)) return PLAIN;
  if (!derived && leaf && leafShape(node, cls)) return { mode: "plain", superIndex: -1, leafCtor: true };
  return { mode: "ctor", superIndex };
}

const FLAT = new Set(["ExpressionStatement", "VariableDeclaration", "EmptyStatement", "ReturnStatement", "ThrowStatement"]);

/**
 * A leaf constructor (nothing in it could be a resume point, splitConstructor's
 * traversal) of this shape is not split: simple parameters, a body of straight-line
 * statements, and a class without instance fields or private instance methods (which
 * the init method of a split constructor defines). It stays a plain constructor that
 * charges its statements on entry (emit/classes.ts), as a leaf function does (protocol
 * rule 9): splitting it would only add an init method and a `.call` to every `new`
 * (binarytrees, which allocates millions of two-field nodes, ran 2.0x native split and
 * 1.45x plain).
 */
function leafShape(node: t.ClassMethod, cls: t.Node | null | undefined): boolean {
  if (!t.isClass(cls) || !isSimpleParams(node.params) || !node.body.body.every((s) => FLAT.has(s.type))) return false;
  return !cls.body.body.some((m) => !(m as { static?: boolean }).static &&
    (t.isClassProperty(m) || t.isClassPrivateProperty(m) || t.isClassAccessorProperty(m) || t.isClassPrivateMethod(m)));
}

function containsFunction(node: t.Node): boolean {
  let found = false;
  t.traverseFast(node, (n) => {
    if (t.isFunction(n) || t.isClass(n)) found = true;
  });
  return found;
}

const dynamicMemo = new WeakMap<t.Node, t.Node | null>();

/** The first `with` statement or direct `eval` call in `path`'s subtree, nested functions included. */
function dynamicScopeUse(path: NodePath): t.Node | null {
  const m = dynamicMemo.get(path.node);
  if (m !== undefined) return m;
  let found: t.Node | null = null;
  path.traverse({
    WithStatement(p) {
      found ??= p.node;
      p.stop();
    },
    CallExpression(p) {
      if (t.isIdentifier(p.node.callee, { name: "eval" }) && !p.scope.getBinding("eval")) {
        found ??= p.node;
        p.stop();
      }
    },
  });
  dynamicMemo.set(path.node, found);
  return found;
}

/**
 * `super` inside `path` (a top-level context) that compiled code cannot express: in an
 * object literal method nested in a function (compiled methods are made by factories,
 * away from their literal: no home object), or as the target of an assignment inside an
 * arrow (`super.x = v`: reads and calls are rewritten to `Reflect.get` on the home
 * object, writes are not). The compiler reports both as errors (ModuleCtx.checkMovable,
 * emit/expressions.ts); with `unsupported: "plain"` the functions around them stay plain
 * code instead, with JavaScript's own semantics.
 */
function superOutOfReach(path: NodePath): boolean {
  let found = false;
  path.traverse({
    Super(p) {
      const owner = p.findParent((a) => a.isFunction() && !a.isArrowFunctionExpression());
      if (owner && owner.isObjectMethod() && owner.node !== path.node) found = true;
      if (p.getFunctionParent()?.isArrowFunctionExpression() && isAssignedSuperMember(p)) found = true;
      if (found) p.stop();
    },
  });
  return found;
}

/** `super.x` / `super[k]` as the target of `=`, a compound assignment, `++`/`--`, or a destructuring pattern. */
function isAssignedSuperMember(sup: NodePath): boolean {
  const m = sup.parentPath;
  if (!m || !m.isMemberExpression() || m.node.object !== sup.node) return false;
  const at = m.parentPath;
  if (!at) return false;
  if (at.isAssignmentExpression() && at.node.left === m.node) return true;
  if (at.isUpdateExpression()) return true;
  if (at.isForXStatement() && at.node.left === m.node) return true;
  return at.isArrayPattern() || at.isRestElement() || at.isAssignmentPattern() || (at.isObjectProperty() && at.parentPath?.isObjectPattern() === true);
}

function unsupportedMessage(n: t.Node): string {
  return t.isWithStatement(n)
    ? "`with` cannot be tasklet code (compiler option unsupported: \"error\"): its scope cannot be saved in a frame record. Use an explicit object, or leave the option at \"plain\" to keep the functions around it plain code."
    : "direct `eval` cannot be tasklet code (compiler option unsupported: \"error\"): the evaluated code could read or write frame slots the compiler moved. Use indirect eval `(0, eval)(src)` or `new Function`, or leave the option at \"plain\" to keep the functions around it plain code.";
}

/**
 * A field initializer or static block compiles unless JavaScript gives it something a
 * function called from where it stands would not have: a direct `eval` (it sees the
 * initializer's scope), an assignment to `super.x` (reads and calls are rewritten to
 * `Reflect.get` on the home object, writes are not), or, for a computed key, an anonymous
 * function or class as the initializer (it is named after the key's value at run time).
 * `accessor` fields (decorators) stay plain.
 */
function classifyElement(node: CtxNode): Classification {
  if (!(t.isClassProperty(node) || t.isClassPrivateProperty(node) || t.isStaticBlock(node))) return PLAIN;
  const code: t.Node | null | undefined = t.isStaticBlock(node) ? node : node.value;
  if (!code) return PLAIN;
  if (t.isClassProperty(node) && node.computed && isAnonymousDefinition(node.value)) return PLAIN;
  if (hasDirectEvalOrSuperWrite(code)) return PLAIN;
  return { mode: "compiled", superIndex: -1 };
}

function isAnonymousDefinition(n: t.Node | null | undefined): boolean {
  while (n && t.isParenthesizedExpression(n)) n = n.expression;
  if (!n) return false;
  return t.isArrowFunctionExpression(n) || ((t.isFunctionExpression(n) || t.isClassExpression(n)) && !n.id);
}

/** Direct eval or a write to `super.x` in `node`'s own code (arrows included: they share `super`). */
function hasDirectEvalOrSuperWrite(node: t.Node): boolean {
  let found = false;
  const visit = (n: t.Node, top: boolean): void => {
    if (found) return;
    if (!top && ((t.isFunction(n) && !t.isArrowFunctionExpression(n)) || t.isClassProperty(n) || t.isClassPrivateProperty(n) || t.isStaticBlock(n))) return;
    if (t.isCallExpression(n) && t.isIdentifier(n.callee, { name: "eval" })) found = true;
    const superMember = (x: t.Node): boolean => t.isMemberExpression(x) && t.isSuper(x.object);
    if (t.isAssignmentExpression(n) && superMember(n.left)) found = true;
    if (t.isUpdateExpression(n) && superMember(n.argument)) found = true;
    if ((t.isForInStatement(n) || t.isForOfStatement(n)) && superMember(n.left)) found = true;
    if ((t.isArrayPattern(n) || t.isObjectPattern(n) || t.isAssignmentPattern(n) || t.isRestElement(n)) && containsSuperMemberTarget(n)) found = true;
    for (const key of t.VISITOR_KEYS[n.type] ?? []) {
      const v = (n as unknown as Record<string, unknown>)[key];
      for (const c of Array.isArray(v) ? v : [v]) if (c && typeof c === "object" && typeof (c as t.Node).type === "string") visit(c as t.Node, false);
    }
  };
  visit(node, true);
  return found;
}

function containsSuperMemberTarget(p: t.Node): boolean {
  let found = false;
  t.traverseFast(p, (n) => {
    if (t.isMemberExpression(n) && t.isSuper(n.object)) found = true;
  });
  return found;
}

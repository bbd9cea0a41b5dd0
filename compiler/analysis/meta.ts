/**
 * Memoised structural questions about source subtrees (STYLE habit 9). Function bodies
 * are opaque: a nested function's calls are not this function's call sites. A class
 * is opaque except for what is evaluated where the class stands (`extends`, computed keys).
 */
import * as t from "@babel/types";

const callMemo = new WeakMap<t.Node, boolean>();
const assignMemo = new WeakMap<t.Node, boolean>();

/** Children of `node` that are evaluated as part of it (not deferred into a function body). */
export function evaluatedChildren(node: t.Node): t.Node[] {
  const out: t.Node[] = [];
  if (t.isFunction(node)) {
    // Only a computed method key is evaluated where the method is defined.
    if ((t.isObjectMethod(node) || t.isClassMethod(node)) && node.computed) out.push(node.key);
    return out;
  }
  if (t.isClass(node)) {
    if (node.superClass) out.push(node.superClass);
    for (const m of node.body.body) {
      if ((t.isClassMethod(m) || t.isClassProperty(m) || t.isClassAccessorProperty(m)) && m.computed) {
        out.push(m.key);
      }
    }
    return out;
  }
  for (const key of t.VISITOR_KEYS[node.type] ?? []) {
    const v = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(v)) {
      for (const c of v) if (c && typeof c === "object" && "type" in c) out.push(c as t.Node);
    } else if (v && typeof v === "object" && "type" in v) {
      out.push(v as t.Node);
    }
  }
  return out;
}

/**
 * `return x` statements of compiled async generator bodies: each is a resume point (the
 * wrapper returns x natively, compiler/emit/async-generators.ts), so a call site for
 * every question asked here. Filled by `markAsyncGeneratorReturns` before any question
 * about that body is asked (the memos would keep an older answer).
 */
const agenReturns = new WeakSet<t.Node>();

export function markAsyncGeneratorReturns(body: t.Node): void {
  const visit = (n: t.Node): void => {
    if (t.isFunction(n) || t.isClass(n)) return; // their returns are their own
    if (t.isReturnStatement(n) && n.argument) agenReturns.add(n);
    for (const key of t.VISITOR_KEYS[n.type] ?? []) {
      const v = (n as unknown as Record<string, unknown>)[key];
      for (const c of Array.isArray(v) ? v : [v]) if (c && typeof c === "object" && typeof (c as t.Node).type === "string") visit(c as t.Node);
    }
  };
  visit(body);
}

/**
 * Calls of built-in functions that run no code of ours but coercions (`Math.sqrt(x)`,
 * `Number.isInteger(x)`, …, pureBuiltinRoot below; compiler/analysis/scope.ts marks
 * them where the name is the unshadowed global): not call sites. They cannot switch, loop or call back into
 * tasklet code except through a valueOf/toString, which is nested plain code as it is
 * for `a * b`; one replaced by tasklet code is entered as a nested call (rule 2), so
 * correct, only hard. Why: a call site costs a resume point, `$rt.callee` and `.call`,
 * and keeps the loop around it off local counting (nbody's inner loop, with Math.sqrt).
 * Filled before any question about the function is asked (the memos would keep an
 * older answer).
 */
const nativeCalls = new WeakSet<t.Node>();

export function markNativeCall(call: t.CallExpression): void {
  nativeCalls.add(call);
}

/**
 * Built-in functions that run no code but coercions: by the global namespace they are
 * read from, or by their own global name. Nothing that takes a callback, iterates, reads
 * properties of its arguments or constructs.
 */
const NATIVE_FUNCTIONS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["Math", new Set(["abs", "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cbrt", "ceil", "clz32", "cos", "cosh", "exp", "expm1", "floor", "fround", "hypot", "imul", "log", "log10", "log1p", "log2", "max", "min", "pow", "random", "round", "sign", "sin", "sinh", "sqrt", "tan", "tanh", "trunc"])],
  ["Number", new Set(["isFinite", "isInteger", "isNaN", "isSafeInteger", "parseFloat", "parseInt"])],
  ["String", new Set(["fromCharCode", "fromCodePoint"])],
  ["Object", new Set(["is"])],
  ["Array", new Set(["isArray"])],
]);
const NATIVE_GLOBALS: ReadonlySet<string> = new Set(["isNaN", "isFinite", "parseInt", "parseFloat"]);

/**
 * The global name a call of a pure built-in depends on: `Math` for `Math.sqrt(x)`,
 * `parseInt` for `parseInt(s)` (no spread arguments), else null. It is that built-in only
 * where the name has no binding, which the caller checks.
 */
export function pureBuiltinRoot(call: t.CallExpression): t.Identifier | null {
  if (!call.arguments.every((a) => t.isExpression(a))) return null;
  const callee = call.callee;
  if (t.isIdentifier(callee)) return NATIVE_GLOBALS.has(callee.name) ? callee : null;
  if (!t.isMemberExpression(callee) || callee.computed || !t.isIdentifier(callee.object) || !t.isIdentifier(callee.property)) return null;
  return NATIVE_FUNCTIONS.get(callee.object.name)?.has(callee.property.name) ? callee.object : null;
}

/** A call of a pure built-in (above) whose arguments hold no call site: emitted as it is. */
export function isNativeCall(node: t.Node): node is t.CallExpression {
  return nativeCalls.has(node) && (node as t.CallExpression).arguments.every((a) => !hasCall(a));
}

function isCallNode(node: t.Node): boolean {
  if (agenReturns.has(node)) return true;
  // `for await` (compiled only in async generators): its next()/return() are call sites
  if (t.isForOfStatement(node) && node.await) return true;
  if (t.isCallExpression(node)) return !t.isImport(node.callee) && !isNativeCall(node);
  return t.isOptionalCallExpression(node) || t.isNewExpression(node) || t.isTaggedTemplateExpression(node) || t.isAwaitExpression(node) || t.isYieldExpression(node);
}

/** Does evaluating `node` contain a call site (explicit call, `new`, tagged template, `await`, `yield`)? */
export function hasCall(node: t.Node | null | undefined): boolean {
  if (!node) return false;
  const m = callMemo.get(node);
  if (m !== undefined) return m;
  let r = isCallNode(node);
  if (!r) for (const c of evaluatedChildren(node)) if (hasCall(c)) { r = true; break; }
  callMemo.set(node, r);
  return r;
}

/** Does evaluating `node` assign or update any variable (not counting property writes)? */
export function hasVarAssign(node: t.Node | null | undefined): boolean {
  if (!node) return false;
  const m = assignMemo.get(node);
  if (m !== undefined) return m;
  let r =
    (t.isAssignmentExpression(node) && !t.isMemberExpression(node.left)) ||
    (t.isUpdateExpression(node) && t.isIdentifier(node.argument));
  if (!r) for (const c of evaluatedChildren(node)) if (hasVarAssign(c)) { r = true; break; }
  assignMemo.set(node, r);
  return r;
}

const loopMemo = new WeakMap<t.Node, boolean>();

/** Does `node` contain a loop (not counting nested functions)? */
export function hasLoop(node: t.Node | null | undefined): boolean {
  if (!node) return false;
  const m = loopMemo.get(node);
  if (m !== undefined) return m;
  let r = t.isLoop(node);
  if (!r) for (const c of evaluatedChildren(node)) if (hasLoop(c)) { r = true; break; }
  loopMemo.set(node, r);
  return r;
}

const localMemo = new WeakMap<t.Node, boolean>();

/**
 * Node types a loop may hold and still count instructions in a local variable
 * (protocol rule 9, "local counting"): nothing in them can become a resume point (no call,
 * `new`, tagged template, await, yield, iterator protocol, pattern, try, function or class),
 * so the only resume points are the budget checks of the loops themselves. A whitelist:
 * a construct added to the language later stays on the global path until listed here.
 */
const LOCAL_OK = new Set<string>([
  "ExpressionStatement", "BlockStatement", "EmptyStatement", "IfStatement", "ForStatement",
  "WhileStatement", "DoWhileStatement", "BreakStatement", "ContinueStatement",
  "ReturnStatement", "ThrowStatement", "LabeledStatement", "VariableDeclaration",
  "SwitchStatement", "SwitchCase",
  "Identifier", "NumericLiteral", "StringLiteral", "BooleanLiteral", "NullLiteral",
  "BigIntLiteral", "TemplateLiteral", "TemplateElement", "MemberExpression",
  "OptionalMemberExpression", "BinaryExpression", "LogicalExpression", "UnaryExpression",
  "UpdateExpression", "ConditionalExpression", "SequenceExpression", "ArrayExpression",
  "ThisExpression", "ParenthesizedExpression",
]);

/** May `node` (a loop's test, update or body) count instructions locally? */
export function countsLocally(node: t.Node | null | undefined): boolean {
  if (!node) return true;
  const m = localMemo.get(node);
  if (m !== undefined) return m;
  let r: boolean;
  if (t.isAssignmentExpression(node)) {
    r = (t.isIdentifier(node.left) || t.isMemberExpression(node.left)) && countsLocally(node.left) && countsLocally(node.right);
  } else if (t.isVariableDeclarator(node)) {
    r = t.isIdentifier(node.id) && countsLocally(node.init);
  } else if (t.isObjectExpression(node)) {
    r = node.properties.every((p) => t.isObjectProperty(p) && !p.computed && countsLocally(p.value));
  } else if (t.isMemberExpression(node) && (t.isSuper(node.object) || t.isPrivateName(node.property))) {
    r = false;
  } else if (agenReturns.has(node)) {
    r = false;
  } else if (nativeCalls.has(node)) {
    r = evaluatedChildren(node).every((c) => countsLocally(c));
  } else {
    r = LOCAL_OK.has(node.type);
    if (r) for (const c of evaluatedChildren(node)) if (!countsLocally(c)) { r = false; break; }
  }
  localMemo.set(node, r);
  return r;
}

/** Identifiers and an identifier rest only: no default, no pattern. */
export function isSimpleParams(params: ReadonlyArray<t.Node>): boolean {
  return params.every((p) => t.isIdentifier(p) || (t.isRestElement(p) && t.isIdentifier(p.argument)));
}

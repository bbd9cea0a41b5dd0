/**
 * Loops, switch and try (protocol rule 6). The structure stays native; resuming enters it
 * through routing tests that look at $pc first (`$pc || test`, `$pc ? index : $s`, a
 * `throw $rt.RESUME` into a catch block).
 */
import * as t from "@babel/types";
import { blockCharge, listCharge, spentFrom } from "./charges.js";
import { countsLocally, hasCall, hasLoop } from "../analysis/meta.js";
import { compilerBug } from "../errors.js";
import { assign, type FnEmitter, type Loc } from "./emitter.js";
import { emitIf, ex, exDiscard, materialize } from "./expressions.js";
import { hotCopy } from "./hot-copy.js";
import { emitLeap, withEntry, type FinallyEntry, type LoopEntry } from "./leaps.js";
import { List, seal } from "./list.js";
import { assignPattern } from "./patterns.js";
import { envRef, refExpr } from "./refs.js";
import { emitBlock, emitStatements, enterScope, hoistFunctions, st, tdzSlots } from "./statements.js";
import { forAwaitOf } from "./for-await.js";
import { SOURCED_METHODS, sourcedCalls } from "./calls.js";

function pcId(em: FnEmitter): t.Identifier {
  return t.identifier(em.pcVar);
}

/** A call-free expression emitted where no statement may be added. */
function pure(em: FnEmitter, e: t.Expression): t.Expression {
  const scratch = new List();
  const r = ex(em, e, scratch);
  if (scratch.items.length) compilerBug("call-free expression emitted statements");
  return r;
}

function labelled(labels: string[], s: t.Statement): t.Statement {
  let out = s;
  for (let i = labels.length - 1; i >= 0; i--) out = t.labeledStatement(t.identifier(labels[i] as string), out);
  return out;
}

export interface LoopSpec {
  kind: "while" | "do";
  /** Source test (may call), or an already emitted call-free test. */
  test: t.Expression | null;
  testOut?: t.Expression;
  update: t.Expression | null;
  body: t.Statement;
  /** Per-iteration work before the body (for-of / for-in stepping and binding). */
  prefix?: (BL: List, breakLabel: string) => void;
  /** A fresh `env = copy of env` expression (per-iteration bindings of `for (let …)`). */
  copyEnv?: () => t.Expression;
  onExit?: (L: List) => void;
  loc: Loc;
}

export function buildLoop(em: FnEmitter, L: List, spec: LoopSpec, labels: string[]): void {
  const before = L.items[L.items.length - 1];
  const breakLabel = labels[0] ?? em.label();
  const outLabels = labels.length ? labels : [breakLabel];
  const testCalls = spec.test !== null && hasCall(spec.test);
  const updCalls = spec.update !== null && hasCall(spec.update);
  const contBreak = updCalls || (spec.kind === "do" && testCalls) ? em.label("$Lc") : null;
  // The outermost call-free loop of a nest counts locally (emitter beginLocalBudget).
  const inNest = em.budgetVar !== null;
  const local = em.mod.opts.count && em.mod.opts.countLocally && em.budgetVar === null && !spec.prefix && !spec.onExit && countsLocally(spec.test) && countsLocally(spec.update) && countsLocally(spec.body);
  if (local) em.beginLocalBudget();
  const giveBack = (into: List): void => into.add(em.giveBack());
  const entry: LoopEntry = { kind: "loop", labels: outLabels, breakLabel, contBreak, onExit: local ? giveBack : spec.onExit ?? null, onOwnBreak: !local };
  const BL = new List();
  let headTest: t.Expression | null = spec.testOut ?? null;
  let headUpdate: t.Expression | null = null;
  const emitTest = (): void => {
    if (!spec.test) return;
    if (testCalls) {
      const v = ex(em, spec.test, BL);
      BL.add(t.ifStatement(t.unaryExpression("!", v), t.breakStatement(t.identifier(breakLabel))));
    } else {
      headTest = pure(em, spec.test);
    }
  };
  const emitBody = (into: List): void => {
    const b = spec.body;
    if (t.isBlockStatement(b)) {
      enterScope(em, b, into);
      emitStatements(em, b.body, into);
    } else {
      emitStatements(em, [b], into);
    }
  };
  try {
    withEntry(em, entry, () => {
      em.tick(BL, blockCharge(spec.body) + 1, spec.loc);
      if (spec.kind === "while") emitTest();
      spec.prefix?.(BL, breakLabel);
      if (contBreak !== null) {
        const inner = new List();
        emitBody(inner);
        const [lo, hi] = inner.range;
        BL.add(t.labeledStatement(t.identifier(contBreak), t.blockStatement(seal(inner, em.pcVar))), lo, hi);
      } else {
        emitBody(BL);
      }
      const copy = spec.copyEnv ? spec.copyEnv() : null;
      if (spec.update && updCalls) {
        if (copy) BL.add(t.expressionStatement(copy));
        exDiscard(em, spec.update, BL);
      } else if (spec.update || copy) {
        const parts: t.Expression[] = [];
        if (copy) parts.push(copy);
        if (spec.update) parts.push(pure(em, spec.update));
        headUpdate = parts.length === 1 ? (parts[0] as t.Expression) : t.sequenceExpression(parts);
      }
      if (spec.kind === "do") emitTest();
    });
  } finally {
    if (local) em.endLocalBudget();
  }
  const [lo, hi] = BL.range;
  const body = t.blockStatement(seal(BL, em.pcVar));
  let loop: t.Statement;
  if (spec.kind === "do" && headTest) {
    // Resuming enters the body directly; the test runs after it, as always in a do-while.
    loop = t.doWhileStatement(headTest, body);
  } else {
    const test = headTest && lo > 0 ? t.logicalExpression("||", pcId(em), headTest) : headTest;
    loop = t.forStatement(null, test, headUpdate, body);
  }
  loop.loc = spec.loc ?? null;
  if (local) L.add(em.takeChunk());
  const fast = (local || inNest) && spec.kind !== "do" && !spec.copyEnv && headTest && lo > 0 && lo === hi ? countedLoop(em, BL, headTest, headUpdate, blockCharge(spec.body) + 1, before && before.lo === 0 ? before.stmt : null) : null;
  const routed = labelled(outLabels, loop);
  const versioned = fast ? t.ifStatement(fast.guard, fast.loop, routed) : routed;
  // The outermost loop of a nest: `if (!$pc) <hot copy> else <routed nest>`. The counted
  // copy of this loop is then only in the hot copy (the routed nest runs when resuming).
  const hot = local && lo > 0 ? hotCopy(versioned, em.pcVar, (arr) => em.copySlotArray(arr, true)) : null;
  if (hot) {
    const stmt = t.ifStatement(t.unaryExpression("!", pcId(em)), hot, routed);
    em.nestCopies.push({ stmt, without: versioned, copy: hot });
    L.add(stmt, lo, hi);
  } else L.add(versioned, lo, hi);
  if (local) giveBack(L);
}

/**
 * Loop versioning for counted loops in a locally counted nest (protocol rule 9): a loop
 * `for (; i < B; i++)` (or `<=`, `++i`, `i += 1`) with local number variables whose body
 * writes neither, holds no loop and no jump, and whose whole run fits in the local
 * counter, runs a copy without the budget check: with enough budget for every iteration
 * no check could fire, so none is made. Otherwise (or when resuming: `$pc`) the checked
 * loop runs.
 *   if (!$pc && typeof i === "number" && (i | 0) === i && typeof B === "number" && B - i < ($n >> s))
 *     { for ($i0 = i; i < B; i++) { …body… } $n = $n - (i - $i0) * k | 0; }
 *   else <the checked loop>
 * K bounds one iteration's charges (the loop top's k plus every charge in the body), 2^s
 * the least power of two >= K (fits() below). The
 * loop top's k is charged once after the loop: i starts as an int32 and goes up by exactly
 * 1, so i - $i0 is the exact number of iterations and the count stays what the checked
 * loop charges. (A per-iteration `$n -= k` was 7% of fannkuch's instructions.)
 * When the statement just before the loop is `i = c` (c an int32 literal: the usual
 * `for (let i = 0; …)`), i's own tests are known true and `$i0` is c.
 * An exception from the body skips the charge; like any exception out of a nest (rule 9)
 * it leaves the budget short, so the next tick comes early, never late.
 */
function countedLoop(em: FnEmitter, BL: List, test: t.Expression, update: t.Expression | null, k: number, before: t.Statement | null): { guard: t.Expression; loop: t.Statement } | null {
  if (!t.isBinaryExpression(test) || (test.operator !== "<" && test.operator !== "<=")) return null;
  const iv = test.left;
  const bound = test.right;
  if (!t.isIdentifier(iv) || !(t.isIdentifier(bound) || t.isNumericLiteral(bound)) || !isIncrement(update, iv.name)) return null;
  const n = em.budgetName; // the nest's counter (the outermost loop of a nest has ended it already)
  if (n === null) return null;
  const rest = BL.items.slice(1).map((i) => i.stmt);
  const written = new Set([iv.name, ...(t.isIdentifier(bound) ? [bound.name] : [])]);
  let ok = true;
  const top = Math.max(1, k); // the loop top's charge (em.tick charges at least 1)
  let perIteration = top;
  for (const st of rest) {
    t.traverseFast(st, (node) => {
      if (t.isLoop(node) || t.isBreakStatement(node) || t.isContinueStatement(node) || t.isReturnStatement(node) || t.isThrowStatement(node) || t.isLabeledStatement(node) || t.isSwitchStatement(node) || t.isFunction(node)) ok = false;
      else if (t.isUpdateExpression(node) && t.isIdentifier(node.argument) && written.has(node.argument.name)) ok = false;
      else if (t.isAssignmentExpression(node) && t.isIdentifier(node.left)) {
        if (written.has(node.left.name)) ok = false;
        else if (node.left.name === n) {
          const k = spentFrom(node, n);
          if (k !== null) perIteration += k;
          else ok = false;
        }
      }
    });
  }
  if (!ok) return null;
  const start = int32Start(before, iv.name);
  const num = (e: t.Expression): t.Expression => t.binaryExpression("===", t.unaryExpression("typeof", t.cloneNode(e)), t.stringLiteral("number"));
  const int32 = t.binaryExpression("===", t.binaryExpression("|", t.cloneNode(iv), t.numericLiteral(0)), t.cloneNode(iv));
  const guard = [t.unaryExpression("!", t.identifier(em.pcVar)), ...(start === null ? [num(iv), int32] : []), ...(t.isIdentifier(bound) ? [num(bound)] : []), fits(bound, iv, perIteration, n)].reduce((a, b) => t.logicalExpression("&&", a, b));
  const i0 = start === null ? em.tripStartVar() : null;
  const copy = t.forStatement(i0 === null ? null : assignExpr(i0, t.cloneNode(iv)), t.cloneNode(test), update ? t.cloneNode(update) : null, t.blockStatement(rest.map((st) => t.cloneNode(st))));
  // valueToNode: a negative start is `-c` (a NumericLiteral is never negative)
  const ran = start === 0 ? t.cloneNode(iv) : t.binaryExpression("-", t.cloneNode(iv), i0 === null ? t.valueToNode(start as number) : t.identifier(i0));
  // `$n = $n - ran * top | 0`: exact, as 0 <= ran * top <= $n < 2^31 (the guard); the
  // truncation lets V8 use plain int32 arithmetic, without the overflow and -0 checks of
  // `$n -= ran * top` (with those, fannkuch's counting cost 1.14x against 1.07x).
  const spent = t.binaryExpression("-", t.identifier(n), top === 1 ? ran : t.binaryExpression("*", ran, t.numericLiteral(top)));
  const charge = t.expressionStatement(t.assignmentExpression("=", t.identifier(n), t.binaryExpression("|", spent, t.numericLiteral(0))));
  return { guard, loop: t.blockStatement([copy, charge]) };
}

/**
 * `B - i < ($n >> s)`, 2^s the least power of two >= k: enough budget for every iteration.
 * The loop runs at most ceil(B - i) times (floor(B - i) + 1 for `<=`), and B - i below the
 * integer $n >> s = floor($n / 2^s) makes that at most floor($n / 2^s), whose charges,
 * k each, are at most $n. It is false for a NaN or infinite B, and bounds B by i + 2^30,
 * far below 2^53 where `i++` would leave i unchanged and the copy, with no check in it,
 * would be a runaway nothing could interrupt. $n is an int32 (protocol.ts chunk()), so
 * the shift is exact. Why not `(B - i + 1) * k <= $n`: V8's speculative multiply adds
 * overflow and -0 checks, and fannkuch, whose inner loops run a few iterations each,
 * spent about 4% of its time there.
 */
function fits(bound: t.Expression, iv: t.Identifier, k: number, n: string): t.Expression {
  const s = Math.ceil(Math.log2(k));
  if (s > 30) return t.booleanLiteral(false); // a shift count is taken mod 32
  const room = s === 0 ? t.identifier(n) : t.binaryExpression(">>", t.identifier(n), t.numericLiteral(s));
  return t.binaryExpression("<", t.binaryExpression("-", t.cloneNode(bound), t.cloneNode(iv)), room);
}

/** c when `stmt` is `name = c` with c an int32 literal (`-c` included), else null. */
function int32Start(stmt: t.Statement | null, name: string): number | null {
  if (!t.isExpressionStatement(stmt) || !t.isAssignmentExpression(stmt.expression, { operator: "=" }) || !t.isIdentifier(stmt.expression.left, { name })) return null;
  const v = stmt.expression.right;
  const c = t.isNumericLiteral(v) ? v.value : t.isUnaryExpression(v, { operator: "-" }) && t.isNumericLiteral(v.argument) ? -v.argument.value : null;
  return c !== null && (c | 0) === c && !Object.is(c, -0) ? c : null;
}

function assignExpr(name: string, value: t.Expression): t.AssignmentExpression {
  return t.assignmentExpression("=", t.identifier(name), value);
}

/** `i++`, `++i` or `i += 1` on `name`. */
function isIncrement(e: t.Expression | null, name: string): boolean {
  if (!e) return false;
  if (t.isUpdateExpression(e)) return e.operator === "++" && t.isIdentifier(e.argument, { name });
  return t.isAssignmentExpression(e) && e.operator === "+=" && t.isIdentifier(e.left, { name }) && t.isNumericLiteral(e.right, { value: 1 });
}

export function emitLoop(em: FnEmitter, node: t.Loop, labels: string[], L: List): void {
  switch (node.type) {
    case "WhileStatement":
      return buildLoop(em, L, { kind: "while", test: node.test, update: null, body: node.body, loc: node.loc }, labels);
    case "DoWhileStatement":
      return buildLoop(em, L, { kind: "do", test: node.test, update: null, body: node.body, loc: node.loc }, labels);
    case "ForStatement":
      return forStatement(em, node, labels, L);
    case "ForOfStatement":
      if (node.await) {
        if (em.isAsyncGen || em.isAsync) return forAwaitOf(em, node, labels, L);
        return compilerBug("for await outside an async function");
      }
      return forOf(em, node, labels, L);
    case "ForInStatement":
      return forIn(em, node, labels, L);
    default:
      return compilerBug(`loop ${(node as t.Node).type}`);
  }
}

/** `env = { $p, x: env.x, … }`: CreatePerIterationEnvironment for captured `for (let …)`. */
function envCopy(em: FnEmitter, node: t.Node): (() => t.Expression) | undefined {
  const env = em.fn.blockEnvs.get(node);
  if (!env) return undefined;
  return () => {
    const v = em.envVar(env);
    const props: t.ObjectProperty[] = [
      t.objectProperty(t.identifier("$p"), env.parent ? envRef(em.mod, em.fn, em, env.parent) : t.nullLiteral()),
    ];
    for (const m of env.members.values()) props.push(t.objectProperty(t.identifier(m), t.memberExpression(t.identifier(v), t.identifier(m))));
    return t.assignmentExpression("=", t.identifier(v), t.objectExpression(props));
  };
}

function forStatement(em: FnEmitter, node: t.ForStatement, labels: string[], L: List): void {
  enterScope(em, node, L);
  if (node.init) {
    if (t.isVariableDeclaration(node.init)) st(em, node.init, L);
    else exDiscard(em, node.init, L);
  }
  const copyEnv = envCopy(em, node);
  if (copyEnv) L.add(t.expressionStatement(copyEnv()));
  const spec: LoopSpec = { kind: "while", test: node.test ?? null, update: node.update ?? null, body: node.body, loc: node.loc };
  if (copyEnv) spec.copyEnv = copyEnv;
  buildLoop(em, L, spec, labels);
}

/** Binds the loop variable(s) of a for-of / for-in head to `value`. */
export function bindHead(em: FnEmitter, node: t.ForOfStatement | t.ForInStatement, value: t.Expression, BL: List): void {
  enterScope(em, node, BL);
  const left = node.left;
  if (t.isVariableDeclaration(left)) {
    const d = left.declarations[0];
    if (!d) compilerBug("empty for-of declaration");
    em.declare(() => assignPattern(em, d.id, value, BL));
  } else {
    assignPattern(em, left, value, BL);
  }
}

/**
 * for-of: arrays whose iterator is the built-in one are walked by index (same semantics,
 * and the frame stays picklable); anything else through its iterator, whose `next` is a
 * call site. Leaving the loop early calls the iterator's `return` (IteratorClose).
 */
function forOf(em: FnEmitter, node: t.ForOfStatement, labels: string[], L: List): void {
  const a = em.temp();
  const i = em.temp();
  const it = em.temp();
  const nx = em.temp();
  const v = em.temp();
  tdzSlots(em, node, L); // `for (const x of f(x))`: the right side runs in x's dead zone
  const rc = node.right;
  if (t.isCallExpression(rc) && rc.arguments.length === 0 && t.isMemberExpression(rc.callee) && !rc.callee.computed && !t.isSuper(rc.callee.object) &&
    t.isIdentifier(rc.callee.property) && SOURCED_METHODS.has(rc.callee.property.name)) {
    sourcedCalls.add(rc);
  }
  L.add(assign(a, ex(em, node.right, L)));
  const iterKey = (): t.MemberExpression => t.memberExpression(t.identifier("Symbol"), t.identifier("iterator"));
  const fast = t.logicalExpression(
    "&&",
    t.callExpression(t.memberExpression(t.identifier("Array"), t.identifier("isArray")), [t.identifier(a)]),
    t.binaryExpression("===", t.memberExpression(t.identifier(a), iterKey(), true), t.identifier(em.mod.avName())),
  );
  L.add(assign(i, t.conditionalExpression(fast, t.numericLiteral(0), t.unaryExpression("-", t.numericLiteral(1)))));
  const open = new List();
  const f = em.temp();
  open.add(assign(f, t.memberExpression(t.identifier(a), iterKey(), true)));
  em.call(open, node.right.loc, t.identifier(f), t.callExpression(t.memberExpression(t.identifier(f), t.identifier("call")), [t.identifier(a)]), it);
  // A Map or Set with the built-in iterator: a cursor over it, which pickles (runtime/collection-cursor.ts).
  open.add(assign(it, t.callExpression(em.rt("cursor"), [t.identifier(a), t.identifier(f), t.identifier(it)])));
  // `next` is read once (spec); a compiled generator's answers its soft version, so a
  // switch inside the generator body is soft (runtime/generator-soft.ts).
  open.add(assign(nx, t.callExpression(em.rt("soft"), [t.memberExpression(t.identifier(it), t.identifier("next")), t.identifier(it)])));
  // Walked by index, the iterator slots are cleared: liveness is path-insensitive, and
  // slots left unassigned on this path would count as live (read by the other path) at
  // every resume point before the loop, pickling a stale iterator of an earlier loop.
  const byIndexOpen = new List();
  byIndexOpen.add(assign(it, t.unaryExpression("void", t.numericLiteral(0))));
  byIndexOpen.add(assign(nx, t.unaryExpression("void", t.numericLiteral(0))));
  emitIf(em, L, t.binaryExpression("<", t.identifier(i), t.numericLiteral(0)), open, byIndexOpen, node.loc);
  const r = em.temp();
  // True while the iterator is open and the head binding or the body runs: a throw
  // there closes the iterator (IteratorClose with a throw completion), a throw from
  // next() or from reading done/value does not.
  const isOpen = em.temp();
  L.add(assign(isOpen, t.booleanLiteral(false)));
  const LL = new List();
  buildLoop(em, LL, {
    kind: "while",
    test: null,
    update: null,
    body: node.body,
    loc: node.loc,
    prefix: (BL, breakLabel) => {
      const byIndex = new List();
      byIndex.add(t.ifStatement(t.binaryExpression(">=", t.identifier(i), t.memberExpression(t.identifier(a), t.identifier("length"))), t.breakStatement(t.identifier(breakLabel))));
      byIndex.add(assign(v, t.memberExpression(t.identifier(a), t.updateExpression("++", t.identifier(i)), true)));
      const byIter = new List();
      byIter.add(assign(isOpen, t.booleanLiteral(false)));
      em.call(byIter, node.left.loc, t.identifier(nx), t.callExpression(t.memberExpression(t.identifier(nx), t.identifier("call")), [t.identifier(it)]), r);
      // IteratorNext: a result that is not an object is a TypeError (rt.iterResult).
      byIter.add(t.ifStatement(t.memberExpression(t.callExpression(em.rt("iterResult"), [t.identifier(r)]), t.identifier("done")), t.breakStatement(t.identifier(breakLabel))));
      byIter.add(assign(v, t.memberExpression(t.identifier(r), t.identifier("value"))));
      byIter.add(assign(isOpen, t.booleanLiteral(true)));
      emitIf(em, BL, t.binaryExpression(">=", t.identifier(i), t.numericLiteral(0)), byIndex, byIter, node.loc);
      bindHead(em, node, t.identifier(v), BL);
    },
    onExit: (X) => {
      const close = new List();
      const ret = em.temp();
      close.add(assign(isOpen, t.booleanLiteral(false)));
      close.add(assign(ret, t.callExpression(em.rt("soft"), [t.memberExpression(t.identifier(it), t.identifier("return")), t.identifier(it)])));
      const call = new List();
      em.call(call, node.loc, t.identifier(ret), t.callExpression(t.memberExpression(t.identifier(ret), t.identifier("call")), [t.identifier(it)]), null);
      emitIf(em, close, t.binaryExpression("!=", t.identifier(ret), t.nullLiteral()), call, null, node.loc);
      emitIf(em, X, t.binaryExpression("<", t.identifier(i), t.numericLiteral(0)), close, null, node.loc);
    },
  }, labels);
  // try { loop } catch (x) { if (open) { open = false; try { it.return?.() } catch {} } throw x; }
  // The close is a nested call (not a resume point): only a throw gets here, and an
  // error from return() is dropped in favour of the one being thrown (spec).
  const x = em.names.fresh("$x");
  const fn = em.names.fresh("$cl");
  const closeOnThrow = t.blockStatement([
    assign(isOpen, t.booleanLiteral(false)),
    t.tryStatement(
      t.blockStatement([
        t.variableDeclaration("const", [t.variableDeclarator(t.identifier(fn), t.memberExpression(t.identifier(it), t.identifier("return")))]),
        t.ifStatement(t.binaryExpression("!=", t.identifier(fn), t.nullLiteral()), t.expressionStatement(t.callExpression(t.memberExpression(t.identifier(fn), t.identifier("call")), [t.identifier(it)]))),
      ]),
      t.catchClause(null, t.blockStatement([])),
    ),
  ]);
  const [lo, hi] = LL.range;
  const guarded = t.tryStatement(
    t.blockStatement(seal(LL, em.pcVar)),
    t.catchClause(t.identifier(x), t.blockStatement([
      ...em.restoreDepth(),
      t.ifStatement(t.identifier(isOpen), closeOnThrow),
      t.throwStatement(t.identifier(x)),
    ])),
  );
  guarded.loc = node.loc ?? null;
  L.add(guarded, lo, hi);
}

/** for-in: the keys are collected first (natively), then walked by index; deleted keys are skipped. */
function forIn(em: FnEmitter, node: t.ForInStatement, labels: string[], L: List): void {
  const o = em.temp();
  const ks = em.temp();
  const k = em.temp();
  const i = em.temp();
  tdzSlots(em, node, L);
  L.add(assign(o, t.callExpression(t.identifier("Object"), [ex(em, node.right, L)])));
  L.add(assign(ks, t.arrayExpression([])));
  L.add(t.forInStatement(t.identifier(k), t.identifier(o), t.expressionStatement(t.callExpression(t.memberExpression(t.identifier(ks), t.identifier("push")), [t.identifier(k)]))));
  L.add(assign(i, t.numericLiteral(0)));
  buildLoop(em, L, {
    kind: "while",
    test: null,
    testOut: t.binaryExpression("<", t.identifier(i), t.memberExpression(t.identifier(ks), t.identifier("length"))),
    update: null,
    body: node.body,
    loc: node.loc,
    prefix: (BL, breakLabel) => {
      BL.add(assign(k, t.memberExpression(t.identifier(ks), t.updateExpression("++", t.identifier(i)), true)));
      BL.add(t.ifStatement(t.unaryExpression("!", t.binaryExpression("in", t.identifier(k), t.identifier(o))), t.continueStatement(t.identifier(breakLabel))));
      bindHead(em, node, t.identifier(k), BL);
    },
  }, labels);
}

// ---- switch ------------------------------------------------------------------------------

/**
 * `switch (d)`: when a case body holds resume points, the matching case index is
 * computed first and a `switch` over indices keeps fallthrough and `break`; resuming
 * selects the case that holds $pc.
 */
export function emitSwitch(em: FnEmitter, node: t.SwitchStatement, labels: string[], L: List): void {
  const breakLabel = labels[0] ?? em.label("$Ls");
  const outLabels = labels.length ? labels : [breakLabel];
  const d = materialize(em, ex(em, node.discriminant, L), L);
  // The cases share one block scope: its env and function declarations come first.
  enterScope(em, node, L);
  for (const c of node.cases) hoistFunctions(em, c.consequent, L);
  const testsCall = node.cases.some((c) => hasCall(c.test));
  const s = em.temp();
  const dflt = node.cases.findIndex((c) => c.test == null);
  if (testsCall) {
    // Tests run in order until one matches; `default` wins only if none does.
    const sel = new List();
    const selLabel = em.label("$Lsel");
    node.cases.forEach((c, idx) => {
      if (!c.test) return;
      const v = ex(em, c.test, sel);
      sel.add(t.ifStatement(t.binaryExpression("===", t.cloneNode(d), v), t.blockStatement([assign(s, t.numericLiteral(idx)), t.breakStatement(t.identifier(selLabel))])));
    });
    sel.add(assign(s, t.numericLiteral(dflt)));
    const [lo, hi] = sel.range;
    L.add(t.labeledStatement(t.identifier(selLabel), t.blockStatement(seal(sel, em.pcVar))), lo, hi);
  }
  const entry = { kind: "switch" as const, labels: outLabels, breakLabel };
  const bodies: List[] = [];
  withEntry(em, entry, () => {
    for (const c of node.cases) {
      const B = new List();
      em.charge(B, listCharge(c.consequent));
      emitStatements(em, c.consequent, B, false);
      bodies.push(B);
    }
  });
  const anyPcs = bodies.some((b) => b.hasPcs);
  if (!testsCall && !anyPcs) {
    const cases = node.cases.map((c, idx) => t.switchCase(c.test ? pure(em, c.test) : null, seal(bodies[idx] as List, em.pcVar)));
    L.add(labelled(outLabels, t.switchStatement(t.cloneNode(d), cases)));
    return;
  }
  if (!testsCall) {
    let sel: t.Expression = t.numericLiteral(dflt);
    for (let idx = node.cases.length - 1; idx >= 0; idx--) {
      const c = node.cases[idx] as t.SwitchCase;
      if (c.test) sel = t.conditionalExpression(t.binaryExpression("===", t.cloneNode(d), pure(em, c.test)), t.numericLiteral(idx), sel);
    }
    L.add(assign(s, sel));
  }
  const withPcs = bodies.map((b, idx) => ({ b, idx })).filter((x) => x.b.hasPcs);
  if (!withPcs.length) {
    // Calls only in the tests (the selection above holds every resume point): the bodies
    // are entered by the selected index alone.
    const cases = bodies.map((b, idx) => t.switchCase(t.numericLiteral(idx), seal(b, em.pcVar)));
    L.add(labelled(outLabels, t.switchStatement(t.identifier(s), cases)));
    return;
  }
  let route: t.Expression = t.numericLiteral((withPcs[withPcs.length - 1] as { idx: number }).idx);
  for (let j = withPcs.length - 2; j >= 0; j--) {
    const x = withPcs[j] as { b: List; idx: number };
    route = t.conditionalExpression(t.binaryExpression("<=", pcId(em), t.numericLiteral(x.b.range[1])), t.numericLiteral(x.idx), route);
  }
  const disc = t.conditionalExpression(pcId(em), route, t.identifier(s));
  const cases = bodies.map((b, idx) => t.switchCase(t.numericLiteral(idx), seal(b, em.pcVar)));
  const lo = (withPcs[0] as { b: List }).b.range[0];
  const hi = (withPcs[withPcs.length - 1] as { b: List }).b.range[1];
  L.add(labelled(outLabels, t.switchStatement(disc, cases)), lo, hi);
}

// ---- try ----------------------------------------------------------------------------------

function hasResumePoints(em: FnEmitter, node: t.Node | null | undefined): boolean {
  return hasCall(node) || (em.mod.opts.count && hasLoop(node));
}

export function emitTry(em: FnEmitter, node: t.TryStatement, L: List): void {
  if (node.finalizer && hasResumePoints(em, node.finalizer)) return convertedFinally(em, node, node.finalizer, L);
  tryCatch(em, node.block, node.handler ?? null, node.finalizer ?? null, L, node.loc);
}

/** try/catch with an optional finally that holds no resume point (it stays native). */
function tryCatch(em: FnEmitter, block: t.BlockStatement, handler: t.CatchClause | null, finalizer: t.BlockStatement | null, L: List, loc: Loc): void {
  const A = new List();
  emitBlock(em, block, A);
  if (!handler && !finalizer) {
    // The inside of a converted finally without catch: nothing left to try natively.
    for (const item of A.items) L.add(item.stmt, item.lo, item.hi);
    return;
  }
  let C: List | null = null;
  let catchVar = "";
  if (handler) {
    C = new List();
    catchVar = em.names.fresh("$x");
    // Frames above this one were lost to the throw (rule 8).
    for (const st of em.restoreDepth()) C.add(st);
    enterScope(em, handler, C);
    if (handler.param) {
      if (t.isIdentifier(handler.param)) C.add(t.expressionStatement(t.assignmentExpression("=", refExpr(em.mod, em.fn, em, handler.param), t.identifier(catchVar))));
      else { const CL = C; em.declare(() => assignPattern(em, handler.param as t.LVal, t.identifier(catchVar), CL)); }
    }
    emitBlock(em, handler.body, C);
  }
  const [alo, ahi] = A.range;
  const [clo, chi] = C ? C.range : [0, 0];
  const tryStmts = seal(A, em.pcVar);
  if (clo > 0) {
    // Resuming into the catch block: enter it by throwing.
    const toCatch = alo > 0 ? t.binaryExpression(">", pcId(em), t.numericLiteral(ahi)) : pcId(em);
    tryStmts.unshift(t.ifStatement(toCatch, t.throwStatement(em.rt("RESUME"))));
  }
  let fin: t.BlockStatement | null = null;
  if (finalizer) {
    const F = new List();
    emitBlock(em, finalizer, F);
    const fs = seal(F, em.pcVar);
    // An unwinding return passes through: the frame is suspended, not leaving.
    fin = alo > 0 || clo > 0 ? t.blockStatement([t.ifStatement(t.unaryExpression("!", em.rt("unwinding")), t.blockStatement(fs))]) : t.blockStatement(fs);
  }
  const stmt = t.tryStatement(
    t.blockStatement(tryStmts),
    C ? t.catchClause(t.identifier(catchVar), t.blockStatement(seal(C, em.pcVar))) : null,
    fin,
  );
  stmt.loc = loc ?? null;
  L.add(stmt, alo || clo, chi || ahi);
}

/**
 * A finally holding resume points cannot stay a JS `finally` (it could not be re-entered).
 * The try becomes a labelled statement whose completion is recorded in $fc/$fv (slots),
 * the finally block follows it, and a switch on $fc redoes the completion:
 *   $fc = 0; Lf: try { … } catch ($y) { $fc = 1; $fv = $y; }  F  switch ($fc) { … }
 */
function convertedFinally(em: FnEmitter, node: t.TryStatement, finalizer: t.BlockStatement, L: List): void {
  const fc = em.extraSlot("$fc", "temp");
  const fv = em.extraSlot("$fv", "temp");
  const tryLabel = em.label("$Lf");
  const entry: FinallyEntry = { kind: "finally", fc, fv, tryLabel, leaps: [] };
  L.add(assign(fc, t.numericLiteral(0)));
  const inner = new List();
  withEntry(em, entry, () => tryCatch(em, node.block, node.handler ?? null, null, inner, node.loc));
  const y = em.names.fresh("$y");
  const [lo, hi] = inner.range;
  L.add(
    t.labeledStatement(
      t.identifier(tryLabel),
      t.tryStatement(
        t.blockStatement(seal(inner, em.pcVar)),
        t.catchClause(t.identifier(y), t.blockStatement([
          ...em.restoreDepth(),
          assign(fc, t.numericLiteral(1)),
          assign(fv, t.identifier(y)),
        ])),
      ),
    ),
    lo,
    hi,
  );
  const F = new List();
  emitBlock(em, finalizer, F);
  for (const item of F.items) L.add(item.stmt, item.lo, item.hi);
  const cases: t.SwitchCase[] = [t.switchCase(t.numericLiteral(1), [t.throwStatement(t.identifier(fv))])];
  const ret = new List();
  emitLeap(em, ret, { kind: "return" }, t.identifier(fv));
  cases.push(t.switchCase(t.numericLiteral(2), seal(ret, em.pcVar)));
  let clo = ret.range[0];
  let chi = ret.range[1];
  entry.leaps.forEach((leap, k) => {
    const C = new List();
    emitLeap(em, C, leap, null);
    const [a, b] = C.range;
    if (a > 0) {
      if (clo === 0) clo = a;
      chi = b;
    }
    cases.push(t.switchCase(t.numericLiteral(3 + k), seal(C, em.pcVar)));
  });
  L.add(t.switchStatement(t.identifier(fc), cases), clo, chi);
}

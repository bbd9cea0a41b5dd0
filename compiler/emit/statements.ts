/**
 * Statements, one case per kind. All declarations were hoisted to slots (or env
 * members), so a declaration here is an assignment and a block is just its statements,
 * which keeps the resume dispatch free of TDZ traps (`let` in a `switch ($pc)` case).
 */
import * as t from "@babel/types";
import { compilerBug } from "../errors.js";
import { assign, type FnEmitter } from "./emitter.js";
import { ex, exDiscard, emitIf } from "./expressions.js";
import { emitLeap, findTarget, withEntry } from "./leaps.js";
import { List, seal } from "./list.js";
import { assignPattern } from "./patterns.js";
import { refExpr, envRef } from "./refs.js";
import { closureExpr, classExpr } from "./closures.js";
import type { EnvKey } from "../analysis/scope.js";
import { emitLoop, emitSwitch, emitTry } from "./control.js";
import { agenReturn } from "./async-generators.js";
import { blockCharge, paidByParent } from "./charges.js";

/** Statements of a block or body: function declarations first (hoisting), then the rest. */
export function emitStatements(em: FnEmitter, stmts: readonly t.Statement[], L: List, hoist = true): void {
  if (hoist) hoistFunctions(em, stmts, L);
  for (const s of stmts) st(em, s, L);
}

/** Creates the closures of the function declarations directly in `stmts`. */
export function hoistFunctions(em: FnEmitter, stmts: readonly t.Statement[], L: List): void {
  for (const s of stmts) {
    if (t.isFunctionDeclaration(s) && s.id) {
      const fn = closureExpr(em, s);
      L.add(t.expressionStatement(t.assignmentExpression("=", refExpr(em.mod, em.fn, em, s.id), fn)));
    }
  }
}

/**
 * Creates the env record of block-like `node` if it has one (one per entry, so per
 * iteration), and puts the let/const/class bindings of `node` that have references in
 * their dead zone (BindingInfo.tdz) in it: `$rt.NOBODY` until declared.
 */
export function enterScope(em: FnEmitter, node: t.Node, L: List, init?: Map<string, t.Expression>): void {
  tdzSlots(em, node, L);
  const env = em.fn.blockEnvs.get(node);
  if (!env) return;
  const props: t.ObjectProperty[] = [
    t.objectProperty(t.identifier("$p"), env.parent ? envRef(em.mod, em.fn, em, env.parent) : t.nullLiteral()),
  ];
  for (const [key, member] of env.members) props.push(t.objectProperty(t.identifier(member), init?.get(member) ?? uninitialized(em, key)));
  L.add(assign(em.envVar(env), t.objectExpression(props)));
}

/** The initial value of an env member: `$rt.NOBODY` for a binding in its dead zone. */
export function uninitialized(em: FnEmitter, key: EnvKey): t.Expression {
  return typeof key !== "string" && key.tdz ? em.rt("NOBODY") : t.identifier("undefined");
}

/** `x = $rt.NOBODY` for the non-captured dead-zone bindings declared in scope `node`. */
export function tdzSlots(em: FnEmitter, node: t.Node, L: List): void {
  for (const b of em.fn.bindings) {
    if (b.tdz && !b.captured && b.scopeNode === node && em.hasLocal(b)) L.add(assign(em.local(b), em.rt("NOBODY")));
  }
}

/**
 * A nested statement that is its own basic block (if/else branches, case bodies…);
 * `paid`: what its enclosing list paid for it already (charges.ts).
 */
export function emitBlock(em: FnEmitter, node: t.Statement, L: List, paid = 0): void {
  em.charge(L, blockCharge(node) - paid);
  if (t.isBlockStatement(node)) {
    enterScope(em, node, L);
    emitStatements(em, node.body, L);
  } else {
    emitStatements(em, [node], L);
  }
}

/**
 * Statements the emitter builds itself inside source-like ones it made (the loop of a
 * `for await`, inside its try/finally: emit/for-await.ts): emitted by their callback.
 */
export const builtStatements = new WeakMap<t.Statement, (em: FnEmitter, L: List) => void>();

export function st(em: FnEmitter, node: t.Statement, L: List): void {
  const built = builtStatements.get(node);
  if (built !== undefined) return built(em, L);
  switch (node.type) {
    case "ExpressionStatement":
      exDiscard(em, node.expression, L);
      return;
    case "VariableDeclaration":
      for (const d of node.declarations) {
        if (d.init) {
          const v = ex(em, d.init, L);
          if (t.isIdentifier(d.id)) {
            const s = t.expressionStatement(t.assignmentExpression("=", refExpr(em.mod, em.fn, em, d.id), v));
            s.loc = d.loc ?? null;
            L.add(s);
          } else {
            em.declare(() => assignPattern(em, d.id, v, L));
          }
        } else if (node.kind !== "var" && t.isIdentifier(d.id)) {
          // `let x;` re-runs in a loop: it must reset x.
          L.add(t.expressionStatement(t.assignmentExpression("=", refExpr(em.mod, em.fn, em, d.id), t.identifier("undefined"))));
        }
      }
      return;
    case "FunctionDeclaration":
      return; // hoisted by emitStatements
    case "ClassDeclaration": {
      if (!node.id) compilerBug("class declaration without a name");
      const cls = classExpr(em, node, L, node.id.name);
      L.add(t.expressionStatement(t.assignmentExpression("=", refExpr(em.mod, em.fn, em, node.id), cls)));
      return;
    }
    case "ReturnStatement": {
      if (em.isAsyncGen && node.argument) return agenReturn(em, node, L);
      const v = node.argument ? ex(em, node.argument, L) : null;
      emitLeap(em, L, { kind: "return" }, v);
      return;
    }
    case "IfStatement": {
      const test = ex(em, node.test, L);
      const cons = new List();
      emitBlock(em, node.consequent, cons, paidByParent(node));
      let alt: List | null = null;
      if (node.alternate) {
        alt = new List();
        emitBlock(em, node.alternate, alt, paidByParent(node));
      }
      emitIf(em, L, test, cons, alt, node.loc);
      return;
    }
    case "BlockStatement":
      enterScope(em, node, L);
      emitStatements(em, node.body, L);
      return;
    case "EmptyStatement":
      return;
    case "DebuggerStatement":
      L.add(t.debuggerStatement());
      return;
    case "ThrowStatement": {
      const arg = ex(em, node.argument, L);
      if (em.budgetVar !== null) L.add(em.giveBack()); // a locally counted nest has no try: the throw leaves it
      const s = t.throwStatement(arg);
      s.loc = node.loc ?? null;
      L.add(s);
      return;
    }
    case "BreakStatement":
    case "ContinueStatement": {
      const kind = node.type === "BreakStatement" ? "break" : "continue";
      emitLeap(em, L, { kind, target: findTarget(em, kind, node.label ? node.label.name : null) }, null);
      return;
    }
    case "LabeledStatement": {
      const labels: string[] = [];
      let body: t.Statement = node;
      while (t.isLabeledStatement(body)) {
        labels.push(body.label.name);
        body = body.body;
      }
      if (t.isLoop(body)) return emitLoop(em, body, labels, L);
      if (t.isSwitchStatement(body)) return emitSwitch(em, body, labels, L);
      const entry = { kind: "block" as const, labels, breakLabel: labels[0] as string };
      const inner = new List();
      withEntry(em, entry, () => emitBlock(em, body, inner));
      const [lo, hi] = inner.range;
      let out: t.Statement = t.blockStatement(seal(inner, em.pcVar));
      for (let i = labels.length - 1; i >= 0; i--) out = t.labeledStatement(t.identifier(labels[i] as string), out);
      L.add(out, lo, hi);
      return;
    }
    case "WhileStatement":
    case "DoWhileStatement":
    case "ForStatement":
    case "ForInStatement":
    case "ForOfStatement":
      return emitLoop(em, node, [], L);
    case "SwitchStatement":
      return emitSwitch(em, node, [], L);
    case "TryStatement":
      return emitTry(em, node, L);
    case "TSTypeAliasDeclaration":
    case "TSInterfaceDeclaration":
    case "TSDeclareFunction":
      return;
    case "WithStatement":
      throw em.mod.errors.error(node, "`with` is not supported in tasklet code");
    default:
      throw em.mod.errors.error(node, `${node.type} is not supported in tasklet code`);
  }
}

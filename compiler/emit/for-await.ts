/**
 * `for await (x of e) body` in a compiled async generator body or async function
 * (protocol "Async generators"): the spec's loop (ForIn/OfBodyEvaluation, async;
 * AsyncIteratorClose) whose awaits are the function's own `await`s (in an async
 * generator, requests its wrapper performs natively), so every tick is native's:
 *
 *   $a = e; $it = $rt.asyncIterate($a, "e"); $nx = $it.next; $open = false;
 *   try {
 *     L: for (;;) {
 *       $open = false;                         // a throw from next(), its await or
 *       $r = await $nx.call($it);              //   reading done/value does not close
 *       $rt.iterResult($r); if ($r.done) break L;
 *       $v = $r.value; $open = true;           // from here a throw closes
 *       x = $v; body                           // leaving by break/return: close, below
 *     }
 *   } finally {                                // only a throw gets here with $open
 *     if ($open) { $open = false; try { $m = $it.return; if ($m != null) await $m.call($it); } catch {} }
 *   }
 * Leaving the loop by break, return or continue of an outer loop closes it with a normal
 * completion first (errors propagate): `$m = $rt.method($it, "return"); if ($m !==
 * undefined) { $q = await $m.call($it); $rt.iterResult($q); }`.
 * The try/finally is built as source and emitted by emitTry (a finally with resume
 * points is converted, protocol rule 6); the loop inside it is built here
 * (`builtStatements`), with the for-of machinery (buildLoop, prefix, onExit).
 */
import * as t from "@babel/types";
import { assign, type FnEmitter } from "./emitter.js";
import { emitIf, ex } from "./expressions.js";
import { bindHead, buildLoop, emitTry } from "./control.js";
import { builtStatements, tdzSlots } from "./statements.js";
import { List } from "./list.js";

export function forAwaitOf(em: FnEmitter, node: t.ForOfStatement, labels: string[], L: List): void {
  const id = (n: string): t.Identifier => t.identifier(n);
  const a = em.temp();
  const it = em.temp();
  const nx = em.temp();
  const open = em.temp();
  const r = em.temp();
  const v = em.temp();
  const m = em.temp();
  const q = em.temp();
  tdzSlots(em, node, L); // `for await (const x of f(x))`: the right side runs in x's dead zone
  L.add(assign(a, ex(em, node.right, L)));
  const text = em.mod.code.slice(node.right.start ?? 0, node.right.end ?? 0);
  L.add(assign(it, t.callExpression(em.rt("asyncIterate"), [id(a), t.stringLiteral(text)])));
  L.add(assign(nx, t.memberExpression(id(it), id("next"))));
  L.add(assign(open, t.booleanLiteral(false)));
  const awaitInto = (into: List, value: string): t.Expression => ex(em, t.awaitExpression(id(value)), into);

  const loop = t.expressionStatement(t.identifier("undefined"));
  builtStatements.set(loop, (em2, LL) => {
    buildLoop(em2, LL, {
      kind: "while",
      test: null,
      update: null,
      body: node.body,
      loc: node.loc,
      prefix: (BL, breakLabel) => {
        BL.add(assign(open, t.booleanLiteral(false)));
        em2.call(BL, node.left.loc, id(nx), t.callExpression(t.memberExpression(id(nx), id("call")), [id(it)]), r);
        const res = awaitInto(BL, r);
        BL.add(assign(r, res));
        BL.add(t.expressionStatement(t.callExpression(em2.rt("iterResult"), [id(r)])));
        BL.add(t.ifStatement(t.memberExpression(id(r), id("done")), t.breakStatement(id(breakLabel))));
        BL.add(assign(v, t.memberExpression(id(r), id("value"))));
        BL.add(assign(open, t.booleanLiteral(true)));
        bindHead(em2, node, id(v), BL);
      },
      onExit: (X) => {
        X.add(assign(open, t.booleanLiteral(false)));
        X.add(assign(m, t.callExpression(em2.rt("method"), [id(it), t.stringLiteral("return")])));
        const close = new List();
        em2.call(close, node.loc, id(m), t.callExpression(t.memberExpression(id(m), id("call")), [id(it)]), q);
        const res = awaitInto(close, q);
        close.add(t.expressionStatement(t.callExpression(em2.rt("iterResult"), [res])));
        emitIf(em2, X, t.binaryExpression("!==", id(m), id("undefined")), close, null, node.loc);
      },
    }, labels);
  });

  // finally: if ($open) { $open = false; try { $m = $it.return; if ($m != null) await $m.call($it); } catch {} }
  const closeOnThrow = t.ifStatement(id(open), t.blockStatement([
    t.expressionStatement(t.assignmentExpression("=", id(open), t.booleanLiteral(false))),
    t.tryStatement(
      t.blockStatement([
        t.expressionStatement(t.assignmentExpression("=", id(m), t.memberExpression(id(it), id("return")))),
        t.ifStatement(
          t.binaryExpression("!=", id(m), t.nullLiteral()),
          t.expressionStatement(t.awaitExpression(t.callExpression(t.memberExpression(id(m), id("call")), [id(it)]))),
        ),
      ]),
      t.catchClause(null, t.blockStatement([])),
    ),
  ]));
  const tryNode = t.tryStatement(t.blockStatement([loop]), null, t.blockStatement([closeOnThrow]));
  tryNode.loc = node.loc ?? null;
  emitTry(em, tryNode, L);
}

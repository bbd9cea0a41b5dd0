/**
 * Hot copies (protocol rule 9 for loop nests, rule 13 for function bodies): emitted code
 * with its resume routing removed, which runs when the code is entered normally (`$pc`
 * is 0); resuming enters the routed original.
 *
 *   if (!$pc) <code without routing> else <code>
 *
 * Why, for a call-free loop nest: the routing tests (`$pc || test`, `switch ($pc)` in
 * every loop body, `if ($pc)` at every tick) run at every iteration and cost more than
 * the counting itself (about 10% of fannkuch's instructions under callgrind).
 * Why, for a function body: every resume point is a `case` label, where V8 merges the
 * values of the fall-through and of the dispatch jump. A call's target read into a
 * temporary before the label is then no constant when TurboFan decides what to inline,
 * so no call of compiled code was ever inlined (richards, 8 x richards(100) under
 * callgrind: 4,846 M → 2,909 M instructions; counting on/off 1.158x → 1.074x, since
 * V8 then also folds the charges of an inlined callee into its caller's).
 * In the copy `$pc` is 0 throughout: nothing assigns it outside a routing branch, and
 * the copy keeps no routing branch, so each routing test can be decided here:
 *   `$pc || x` → x, `!$pc` → true, `$pc ? a : b` → b, `if ($pc) a else b` → b,
 *   `switch ($pc) { … default: … }` → the clauses from `default` on (pcs are never 0).
 * A save in the copy still saves its pc and returns: the resumed frame enters the original.
 * Anything else that reads or writes `$pc`, a function inside, or a `break` that would
 * leave a flattened switch, and there is no copy (null): the original alone is correct.
 */
import * as t from "@babel/types";

class NoCopy extends Error {}

export function hotCopy(stmt: t.Statement, pc: string, cloneSlots: (arr: t.ArrayExpression) => t.ArrayExpression | null): t.Statement | null {
  const isPc = (n: t.Node | null | undefined): boolean => t.isIdentifier(n, { name: pc });
  // Works on a copy made as it goes: each node is copied shallowly before its children
  // are rewritten, so the original nest is never touched.
  const rewrite = (original: t.Node): t.Node | null => {
    if (t.isFunction(original)) throw new NoCopy();
    // A save's slot array is filled after liveness (emitter fillSlots): the copy gets an
    // array of its own, registered for the same pc, so it is filled the same way.
    const slots = t.isArrayExpression(original) ? cloneSlots(original) : null;
    if (slots) return slots;
    const node = t.cloneNode(original, false);
    if (t.isIfStatement(node) && isPc(node.test)) return node.alternate ? rewrite(node.alternate) : null;
    if (t.isConditionalExpression(node) && isPc(node.test)) return rewrite(node.alternate);
    if (t.isLogicalExpression(node) && node.operator === "||" && isPc(node.left)) return rewrite(node.right);
    if (t.isUnaryExpression(node) && node.operator === "!" && isPc(node.argument)) return t.booleanLiteral(true);
    if (t.isSwitchStatement(node) && isPc(node.discriminant)) return flatten(node);
    if (isPc(node)) throw new NoCopy(); // any other use of $pc: not a routing shape we know
    for (const key of t.VISITOR_KEYS[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        const out: t.Node[] = [];
        for (const c of child as (t.Node | null)[]) {
          if (c === null) {
            out.push(c as unknown as t.Node); // array holes stay holes
            continue;
          }
          const r = rewrite(c);
          if (r !== null) out.push(r);
        }
        (node as unknown as Record<string, unknown>)[key] = out;
      } else if (child && typeof child === "object" && "type" in child) {
        const r = rewrite(child as t.Node);
        (node as unknown as Record<string, unknown>)[key] = r ?? t.emptyStatement();
      }
    }
    // `true && x` left by `!$pc && x` (the counted-loop guard)
    if (t.isLogicalExpression(node) && node.operator === "&&" && t.isBooleanLiteral(node.left, { value: true })) return node.right;
    return node;
  };
  const flatten = (sw: t.SwitchStatement): t.Statement => {
    const from = sw.cases.findIndex((c) => c.test === null);
    const taken = from < 0 ? [] : sw.cases.slice(from).flatMap((c) => c.consequent);
    for (const s of taken) if (breaksOut(s)) throw new NoCopy();
    const body: t.Statement[] = [];
    for (const s of taken) {
      const r = rewrite(s);
      if (r !== null) body.push(r as t.Statement);
    }
    return t.blockStatement(body);
  };
  try {
    const out = rewrite(stmt);
    return out === null ? null : (out as t.Statement);
  } catch (e) {
    if (e instanceof NoCopy) return null;
    throw e;
  }
}

/** An unlabelled `break` in `s` that would leave the switch around it (not an inner loop or switch). */
function breaksOut(s: t.Node): boolean {
  if (t.isBreakStatement(s)) return s.label === null;
  if (t.isLoop(s) || t.isSwitchStatement(s) || t.isFunction(s)) return false;
  for (const key of t.VISITOR_KEYS[s.type] ?? []) {
    const child = (s as unknown as Record<string, unknown>)[key];
    const kids = Array.isArray(child) ? child : [child];
    for (const k of kids) if (k && typeof k === "object" && "type" in k && breaksOut(k as t.Node)) return true;
  }
  return false;
}

/**
 * Function bodies of more nodes than this get no copy: the copy doubles the body's
 * bytecode, and past V8's limits (TurboFan does not inline callees above 460 bytes of
 * bytecode and does not optimize functions above 60 KB) a big body would only lose by it.
 */
const MAX_BODY_NODES = 4000;

/** The number of nodes in `nodes`, or `cap + 1` once past `cap` (the walk stops there). */
function nodeCount(nodes: readonly t.Node[], cap = Infinity): number {
  let n = 0;
  try {
    for (const s of nodes) {
      t.traverseFast(s, () => {
        if (++n > cap) throw new NoCopy();
      });
    }
  } catch (e) {
    if (!(e instanceof NoCopy)) throw e;
  }
  return n;
}

/** A nest's `if (!$pc) <copy> else <routed>` (control.ts), and the statement it is without its copy. */
export interface NestCopy {
  stmt: t.IfStatement;
  without: t.Statement;
  copy: t.Statement;
}

/**
 * V8's limit for inlining a callee (460 bytes of bytecode), in nodes of emitted code:
 * compiled functions come to 1.4 – 2.1 bytes of bytecode per node (richards' methods,
 * `node --print-bytecode`; 1.8 for `Packet.addTo` without its copy: 234 nodes, 423
 * bytes). A guess either way: past it a function dropped its copies for nothing (a loop
 * that is not counted tests `$pc` again), below it one stays too big to inline.
 */
const INLINE_NODES = 250;

/**
 * Drops the nest copies of a function body (emitted, sealed) whose copies alone make it
 * too big for V8 to inline: the function is above INLINE_NODES with them, at or below it
 * without. Each `if (!$pc) <copy> else <routed>` then becomes what it is without a copy,
 * where it stands (its parents are built already: the node is rewritten in place).
 * Why: a small leaf that walks a list (richards' `Packet.addTo`, 171 bytes of bytecode
 * without counting) went to 590 bytes with its loop's check and copy, and was no longer
 * inlined: counting on/off 1.054x → 1.039x in instructions (8 x richards(100)) without the
 * copy. A counted loop keeps its unchecked version (control.ts countedLoop); a loop that
 * is not counted tests `$pc` twice per iteration again.
 */
export function keepInlinable(body: readonly t.Statement[], nests: readonly NestCopy[]): void {
  if (nests.length === 0) return;
  const total = nodeCount(body);
  if (total <= INLINE_NODES || total - nodeCount(nests.map((c) => c.copy)) > INLINE_NODES) return;
  for (const { stmt, without } of nests) {
    for (const key of Object.keys(stmt)) delete (stmt as unknown as Record<string, unknown>)[key];
    Object.assign(stmt, without);
  }
}

/** A function body's statements with a hot copy in front of its dispatch, when it has one and can have one. */
export function hotBody(stmts: t.Statement[], pc: string, cloneSlots: (arr: t.ArrayExpression) => t.ArrayExpression | null): t.Statement[] {
  const sw = stmts.length === 1 ? stmts[0] : undefined;
  if (!t.isSwitchStatement(sw) || !t.isIdentifier(sw.discriminant, { name: pc }) || nodeCount([sw], MAX_BODY_NODES) > MAX_BODY_NODES) return stmts;
  const hot = hotCopy(sw, pc, cloneSlots);
  return hot === null ? stmts : [t.ifStatement(t.unaryExpression("!", t.identifier(pc)), hot, sw)];
}

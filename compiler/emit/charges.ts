/**
 * Instruction charges of statement lists (protocol rule 9). A charged list (a function
 * body, a loop body, an if/else branch, a case body, a try/catch/finally block) pays at
 * its top its statement count plus, for each `if … else …` directly in it, the smaller
 * of the two branches' charges; the branches then pay only what they have above it.
 * When the if is reached exactly one branch runs, so the count is the same as charging
 * each branch in full; only a list left before its if is reached (a return, a throw)
 * has paid for it early, as it has for its own later statements. An `if` without else
 * whose branch ends in a jump (return, throw, break, continue) skips the list's later
 * statements, which the list paid for: the branch uses that payment first. Why: in call-dense
 * code the branch charges are as many stores to `$rt.budget` as the calls' checks
 * (richards: 3.4 million branch charges and 3.3 million checks per run of 100).
 */
import * as t from "@babel/types";

const hoisted = new WeakMap<t.IfStatement, number>();

/** What a charged list of these statements pays at its top. */
export function listCharge(stmts: readonly t.Statement[]): number {
  let k = stmts.length;
  for (let i = 0; i < stmts.length; i++) {
    const s = stmts[i]!;
    if (!t.isIfStatement(s)) continue;
    if (s.alternate) {
      const h = Math.min(blockCharge(s.consequent), blockCharge(s.alternate));
      hoisted.set(s, h);
      k += h;
    } else if (leaves(s.consequent)) {
      // `if (c) return x;`: the list paid for its statements after the if, which the
      // branch skips; the branch uses that payment for its own (fib's base case then
      // stores nothing). The count still covers every statement that runs.
      hoisted.set(s, Math.min(blockCharge(s.consequent), stmts.length - 1 - i));
    }
  }
  return k;
}

/** Whether a branch always leaves the list its if is in (it ends in a jump). */
function leaves(s: t.Statement): boolean {
  const last = t.isBlockStatement(s) ? s.body[s.body.length - 1] : s;
  return last !== undefined && (t.isReturnStatement(last) || t.isThrowStatement(last) || t.isBreakStatement(last) || t.isContinueStatement(last));
}

/** What a nested statement that is its own charged list (a branch, a loop body) pays. */
export function blockCharge(s: t.Statement): number {
  return listCharge(t.isBlockStatement(s) ? s.body : [s]);
}

/** How much of each branch of `s` its enclosing list paid already (0 unless listCharge saw s). */
export function paidByParent(s: t.IfStatement): number {
  return hoisted.get(s) ?? 0;
}

/**
 * The charge itself: `c = c - k | 0`, c being `$rt.budget` or a nest's local counter
 * `$n`. The same value as `c -= k`: both stay int32 (runtime/protocol.ts: the budget
 * within ±BUDGET_IDLE, a chunk within ±IDLE_CHUNK), so the truncation changes nothing,
 * but it tells V8 so: `c -= k` on a small integer carries an overflow check (a
 * deoptimizing branch) in every charge. Measured in instructions (callgrind, startup
 * subtracted), counting's cost on/off: richards 197 M → 149 M, binarytrees 268 M → 221 M.
 * `counter` builds a fresh node for each of its two places.
 */
export function spend(counter: () => t.Identifier | t.MemberExpression, k: number): t.AssignmentExpression {
  return t.assignmentExpression("=", counter(), t.binaryExpression("|", t.binaryExpression("-", counter(), t.numericLiteral(k)), t.numericLiteral(0)));
}

/** k when `e` is `spend(name, k)` on the local counter `name`, else null. */
export function spentFrom(e: t.AssignmentExpression, name: string): number | null {
  if (e.operator !== "=" || !t.isIdentifier(e.left, { name })) return null;
  const r = e.right;
  if (!t.isBinaryExpression(r, { operator: "|" }) || !t.isNumericLiteral(r.right, { value: 0 })) return null;
  const d = r.left;
  if (!t.isBinaryExpression(d, { operator: "-" }) || !t.isIdentifier(d.left, { name }) || !t.isNumericLiteral(d.right)) return null;
  return d.right.value;
}

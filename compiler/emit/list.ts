/**
 * Statement lists with resume-point ranges, and the resume dispatch (protocol rule 6).
 *
 * pcs are allocated in emission order, and each statement's output is emitted in one go,
 * so the pcs inside any output statement form a contiguous range [lo, hi] and ranges
 * increase along a list. A list holding resume points becomes
 *   switch ($pc) { default: …; case lo1: … case hi1: s1 …; case lo2: … s2 … }
 * `default` first: with $pc = 0 no case matches, control enters at the top and falls
 * through everything; when resuming, control jumps to the statement holding $pc.
 */
import * as t from "@babel/types";

export interface Item {
  stmt: t.Statement;
  /** Lowest and highest pc inside `stmt`; 0, 0 when it holds none. */
  lo: number;
  hi: number;
}

export class List {
  readonly items: Item[] = [];

  add(stmt: t.Statement, lo = 0, hi = 0): void {
    this.items.push({ stmt, lo, hi });
  }

  /** Appends `stmts` as one item spanning [lo, hi]. */
  addAll(stmts: t.Statement[], lo: number, hi: number): void {
    if (stmts.length === 1) this.add(stmts[0] as t.Statement, lo, hi);
    else if (stmts.length > 1) this.add(t.blockStatement(stmts), lo, hi);
  }

  get hasPcs(): boolean {
    return this.items.some((i) => i.lo > 0);
  }

  get range(): [number, number] {
    let lo = 0;
    let hi = 0;
    for (const i of this.items) {
      if (i.lo === 0) continue;
      if (lo === 0) lo = i.lo;
      hi = i.hi;
    }
    return [lo, hi];
  }
}

/** The statements of `list`, behind a dispatch switch on `pcVar` if it holds resume points. */
export function seal(list: List, pcVar: string): t.Statement[] {
  // No dispatch either when only the first statement holds resume points: every target
  // is then the top of the list, where control enters anyway. This is the common shape
  // of a call-free loop body (its only resume point is the budget check at its top),
  // and a switch there costs a tight loop a third of its speed.
  if (!list.items.slice(1).some((i) => i.lo > 0)) return list.items.map((i) => i.stmt);
  const cases: t.SwitchCase[] = [t.switchCase(null, [])];
  for (const item of list.items) {
    for (let k = item.lo; item.lo > 0 && k <= item.hi; k++) cases.push(t.switchCase(t.numericLiteral(k), []));
    (cases[cases.length - 1] as t.SwitchCase).consequent.push(item.stmt);
  }
  return [t.switchStatement(t.identifier(pcVar), cases)];
}

/** `{ …sealed list… }` */
export function sealBlock(list: List, pcVar: string): t.BlockStatement {
  return t.blockStatement(seal(list, pcVar));
}

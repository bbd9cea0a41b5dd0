/**
 * Liveness of frame slots at resume points (protocol rule 3): which slots a record saved
 * at pc K must carry, because the code that runs after resuming at K may read them
 * before writing them.
 *
 * The analysis runs on the emitted body of one function (after the resume dispatch is
 * built, before the slot arrays of `rt.save` are filled), backwards over the structured
 * output: blocks, if, loops (to a fixpoint), switch, labelled statements, labelled and
 * unlabelled break/continue, return, throw, try/catch and native finally. Resuming at K
 * runs `$pc = 0; R = $rt.take()` and then whatever follows the call-site statement, or
 * the innermost handler if `take()` throws; the routing tests a resume passes through
 * (`$pc || test`, `$pc ? … : $s`) read `$pc` only. So
 *   live(K) = (liveOut(site K) \ {R}) ∪ liveAtHandler(site K)
 *
 * Only *candidate* slots are analysed (the emitter passes temporaries and environment
 * records); the others are always saved. Everything is conservative: an expression uses
 * every candidate it names (nested functions included), and only an unconditional
 * `x = …` statement (or a top-level sequence of them) kills.
 */
import * as t from "@babel/types";

type Live = Set<string>;

export interface Site {
  pc: number;
  /** The variable the resume writes (`R = $rt.take()`), if any. */
  result: string | null;
}

export interface LivenessResult {
  /** Candidates live at the function's entry (pc 0: `rt.overflow` restarts there). */
  entry: Live;
  /** Candidates live at each resume point; a pc missing here saves every slot. */
  atPc: Map<number, Live>;
}

interface Target {
  kind: "loop" | "switch" | "block" | "finally";
  labels: readonly string[];
  brk: Live;
  cont: Live | null;
  /** finally barriers: what the finally block needs, added to any leap crossing it */
  fin: Live | null;
}

/**
 * `pcVar` names the function's `$pc`: every flow analysed here runs with `$pc === 0`
 * (entry, or after a resumed call site reset it), so a dispatch `switch ($pc)` enters its
 * leading `default` and falls through, and `if ($pc) { resume } else { call }` takes the
 * call branch.
 */
export function liveness(body: readonly t.Statement[], candidates: ReadonlySet<string>, sites: ReadonlyMap<t.Statement, Site>, pcVar: string): LivenessResult {
  return new Analyzer(candidates, sites, pcVar).run(body);
}

const EMPTY: Live = new Set();

function union(a: Live, b: Live): Live {
  if (b.size === 0) return a;
  if (a.size === 0) return b;
  const r = new Set(a);
  for (const x of b) r.add(x);
  return r;
}

function subset(a: Live, b: Live): boolean {
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

class Analyzer {
  private readonly stack: Target[] = [];
  private exc: Live = EMPTY;
  private ret: Live = EMPTY;
  /** Loop head sets from earlier rounds: a warm start keeps nested fixpoints cheap. */
  private readonly heads = new Map<t.Node, Live>();
  private readonly atSite = new Map<t.Statement, Live>();

  constructor(
    private readonly candidates: ReadonlySet<string>,
    private readonly sites: ReadonlyMap<t.Statement, Site>,
    private readonly pcVar: string,
  ) {}

  private isPc(e: t.Node): boolean {
    return t.isIdentifier(e) && e.name === this.pcVar;
  }

  run(body: readonly t.Statement[]): LivenessResult {
    const entry = this.list(body, EMPTY);
    const atPc = new Map<number, Live>();
    for (const [stmt, live] of this.atSite) atPc.set((this.sites.get(stmt) as Site).pc, live);
    return { entry, atPc };
  }

  // ---- expressions ------------------------------------------------------------------

  /** Adds to `acc` every candidate `node` reads. */
  private uses(node: t.Node | null | undefined, acc: Live): void {
    if (!node) return;
    if (t.isIdentifier(node)) {
      if (this.candidates.has(node.name)) acc.add(node.name);
      return;
    }
    if (t.isAssignmentExpression(node) && node.operator === "=" && t.isIdentifier(node.left)) {
      this.uses(node.right, acc);
      return;
    }
    if ((t.isMemberExpression(node) || t.isOptionalMemberExpression(node)) && !node.computed) {
      this.uses(node.object, acc);
      return;
    }
    if ((t.isObjectProperty(node) || t.isObjectMethod(node) || t.isClassMethod(node) || t.isClassProperty(node)) && !node.computed) {
      for (const key of t.VISITOR_KEYS[node.type] ?? []) if (key !== "key") this.child(node, key, acc);
      return;
    }
    if (t.isLabeledStatement(node) || t.isBreakStatement(node) || t.isContinueStatement(node) || t.isMetaProperty(node)) return;
    for (const key of t.VISITOR_KEYS[node.type] ?? []) this.child(node, key, acc);
  }

  private child(node: t.Node, key: string, acc: Live): void {
    const v = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(v)) {
      for (const c of v) if (c && typeof c === "object" && "type" in c) this.uses(c as t.Node, acc);
    } else if (v && typeof v === "object" && "type" in v) {
      this.uses(v as t.Node, acc);
    }
  }

  /** `uses ∪ (out \ kills)` for an expression evaluated for its effects. */
  private expr(e: t.Expression, out: Live): Live {
    if (t.isSequenceExpression(e)) {
      let cur = out;
      for (let i = e.expressions.length - 1; i >= 0; i--) cur = this.expr(e.expressions[i] as t.Expression, cur);
      return cur;
    }
    const r = new Set(out);
    if (t.isAssignmentExpression(e) && e.operator === "=" && t.isIdentifier(e.left)) r.delete(e.left.name);
    this.uses(e, r);
    return r;
  }

  private usesOf(node: t.Node | null | undefined, base: Live): Live {
    const r = new Set(base);
    this.uses(node, r);
    return r;
  }

  // ---- statements -------------------------------------------------------------------

  private list(stmts: readonly t.Statement[], out: Live): Live {
    let cur = out;
    for (let i = stmts.length - 1; i >= 0; i--) cur = this.stmt(stmts[i] as t.Statement, cur, []);
    return cur;
  }

  private stmt(s: t.Statement, out: Live, labels: string[]): Live {
    const site = this.sites.get(s);
    if (site) {
      const live = new Set(out);
      if (site.result !== null) live.delete(site.result);
      for (const x of this.exc) live.add(x);
      const prev = this.atSite.get(s);
      this.atSite.set(s, prev ? union(prev, live) : live);
    }
    // Any statement may throw to the innermost handler.
    return union(this.stmtIn(s, out, labels), this.exc);
  }

  private stmtIn(s: t.Statement, out: Live, labels: string[]): Live {
    switch (s.type) {
      case "ExpressionStatement":
        return this.expr(s.expression, out);
      case "VariableDeclaration": {
        let cur = out;
        for (let i = s.declarations.length - 1; i >= 0; i--) {
          const d = s.declarations[i] as t.VariableDeclarator;
          if (t.isIdentifier(d.id) && d.init) {
            cur = new Set(cur);
            cur.delete(d.id.name);
          }
          cur = this.usesOf(d.init, cur);
          if (!t.isIdentifier(d.id)) cur = this.usesOf(d.id, cur);
        }
        return cur;
      }
      case "BlockStatement":
        return this.list(s.body, out);
      case "EmptyStatement":
      case "DebuggerStatement":
        return out;
      case "IfStatement": {
        if (this.isPc(s.test)) return s.alternate ? this.stmt(s.alternate, out, []) : out;
        const r = this.usesOf(s.test, this.stmt(s.consequent, out, []));
        return union(r, s.alternate ? this.stmt(s.alternate, out, []) : out);
      }
      case "ReturnStatement":
        return this.usesOf(s.argument, this.ret);
      case "ThrowStatement":
        return this.usesOf(s.argument, this.exc);
      case "BreakStatement":
        return this.leap("break", s.label ? s.label.name : null);
      case "ContinueStatement":
        return this.leap("continue", s.label ? s.label.name : null);
      case "LabeledStatement": {
        const names = [...labels, s.label.name];
        const body = s.body;
        if (t.isLabeledStatement(body) || t.isLoop(body) || t.isSwitchStatement(body)) return this.stmtIn(body, out, names);
        return this.within({ kind: "block", labels: names, brk: out, cont: null, fin: null }, () => this.stmt(body, out, []));
      }
      case "ForStatement":
      case "WhileStatement":
      case "DoWhileStatement":
      case "ForInStatement":
      case "ForOfStatement":
        return this.loop(s, out, labels);
      case "SwitchStatement":
        return this.switch(s, out, labels);
      case "TryStatement":
        return this.try(s, out);
      default:
        // Anything unexpected: every candidate may be read.
        return union(out, new Set(this.candidates));
    }
  }

  private within<T>(target: Target, body: () => T): T {
    this.stack.push(target);
    try {
      return body();
    } finally {
      this.stack.pop();
    }
  }

  /** What a break/continue needs: its target's set plus every finally it crosses. */
  private leap(kind: "break" | "continue", label: string | null): Live {
    let acc: Live = EMPTY;
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const e = this.stack[i] as Target;
      if (e.kind === "finally") {
        acc = union(acc, e.fin as Live);
        continue;
      }
      const hit = label !== null
        ? e.labels.includes(label) && (kind === "break" || e.kind === "loop")
        : e.kind === "loop" || (kind === "break" && e.kind === "switch");
      if (hit) return union(acc, kind === "break" ? e.brk : (e.cont as Live));
    }
    // A leap out of the analysed body cannot happen; be safe.
    return new Set(this.candidates);
  }

  private loop(s: t.Loop, out: Live, labels: string[]): Live {
    let head = this.heads.get(s) ?? EMPTY;
    for (;;) {
      let next: Live;
      if (t.isDoWhileStatement(s)) {
        const cont = union(this.usesOf(s.test, out), head);
        next = this.within({ kind: "loop", labels, brk: out, cont, fin: null }, () => this.stmt(s.body, cont, []));
      } else if (t.isForInStatement(s) || t.isForOfStatement(s)) {
        const body = this.within({ kind: "loop", labels, brk: out, cont: head, fin: null }, () => this.stmt(s.body, head, []));
        next = this.usesOf(t.isVariableDeclaration(s.left) || t.isIdentifier(s.left) ? null : s.left, union(out, body));
      } else {
        const update = t.isForStatement(s) ? s.update : null;
        const cont = this.usesOf(update, head);
        const body = this.within({ kind: "loop", labels, brk: out, cont, fin: null }, () => this.stmt(s.body, cont, []));
        next = s.test ? this.usesOf(s.test, union(out, body)) : body;
      }
      next = union(next, this.exc);
      if (subset(next, head)) break;
      head = union(head, next);
    }
    this.heads.set(s, head);
    if (t.isForStatement(s) && s.init) {
      return t.isVariableDeclaration(s.init) ? this.stmtIn(s.init, head, []) : this.expr(s.init, head);
    }
    if (t.isForInStatement(s) || t.isForOfStatement(s)) return this.usesOf(s.right, head);
    return head;
  }

  private switch(s: t.SwitchStatement, out: Live, labels: string[]): Live {
    return this.within({ kind: "switch", labels, brk: out, cont: null, fin: null }, () => {
      if (this.isPc(s.discriminant) && s.cases[0] && !s.cases[0].test) {
        // The resume dispatch with $pc === 0: `default` first, then straight through.
        let cur = out;
        for (let i = s.cases.length - 1; i >= 0; i--) cur = this.list((s.cases[i] as t.SwitchCase).consequent, cur);
        return cur;
      }
      let r = this.usesOf(s.discriminant, EMPTY);
      let next = out;
      let hasDefault = false;
      for (let i = s.cases.length - 1; i >= 0; i--) {
        const c = s.cases[i] as t.SwitchCase;
        if (!c.test) hasDefault = true;
        next = this.list(c.consequent, next);
        r = union(r, next);
        if (c.test) r = this.usesOf(c.test, r);
      }
      return hasDefault ? r : union(r, out);
    });
  }

  private try(s: t.TryStatement, out: Live): Live {
    const exc = this.exc;
    const ret = this.ret;
    let fin: Live | null = null;
    if (s.finalizer) {
      // After the finally block, control goes on to wherever the try was leaving for.
      let exits = union(union(out, exc), ret);
      for (const e of this.stack) exits = union(exits, union(e.brk, e.cont ?? EMPTY));
      fin = this.stmt(s.finalizer, exits, []);
    }
    const guarded = <T>(body: () => T): T => {
      if (!fin) return body();
      const f = fin;
      return this.within({ kind: "finally", labels: [], brk: EMPTY, cont: null, fin: f }, () => {
        this.ret = union(ret, f);
        try {
          return body();
        } finally {
          this.ret = ret;
        }
      });
    };
    const after = fin ?? out;
    let handler: Live | null = null;
    if (s.handler) {
      const h = s.handler;
      this.exc = fin ? union(exc, fin) : exc;
      try {
        handler = guarded(() => this.stmt(h.body, after, []));
      } finally {
        this.exc = exc;
      }
    }
    this.exc = handler ?? (fin ? union(exc, fin) : exc);
    try {
      return guarded(() => this.stmt(s.block, after, []));
    } finally {
      this.exc = exc;
    }
  }
}

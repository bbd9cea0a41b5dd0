/**
 * The Emitter of one compiled function: its names, slots, temporaries, pcs and the
 * builders for resume points (protocol rule 5) and budget checks (rule 9).
 *
 * Rules the emitter keeps (as regenerator's emit.js states its own):
 * - all side effects happen in source order (ANF lifts calls, materialising earlier
 *   operands whose value a later call could change);
 * - no input node is reused in the output: every output node is built fresh or cloned;
 * - temporaries are never reused (`$t0, $t1, …`, one counter per function), so a record's
 *   slot list is stable and readable.
 */
import * as t from "@babel/types";
import { compilerBug } from "../errors.js";
import type { BindingInfo, EnvInfo, FnInfo } from "../analysis/scope.js";
import type { ModuleCtx } from "./module.js";
import { NameGen } from "./names.js";
import type { Entry, LeapHost } from "./leaps.js";
import { List } from "./list.js";
import { spend } from "./charges.js";
import type { NestCopy } from "./hot-copy.js";
import type { LivenessResult, Site } from "../analysis/liveness.js";

export type Loc = t.SourceLocation | null | undefined;

export class FnEmitter implements LeapHost {
  readonly names: NameGen;
  readonly pcVar: string;
  readonly dVar: string;
  /** Scratch variable of the restore sequence (not a slot). */
  readonly fr: string;
  /** Source position (line, column) of each pc; index 0 is the function's entry. */
  readonly pcLocs: Array<[number, number]> = [];
  readonly temps: string[] = [];
  readonly paramSlots: string[] = [];
  readonly localSlots: string[] = [];
  readonly envSlots: string[] = [];
  argsVar: string | null = null;
  /**
   * References in parameter defaults to a parameter not initialized yet (`function f(a =
   * b, b)`): natively in their dead zone, a ReferenceError. The compiled parameters are
   * plain variables, so these read as a throw (emit/frame.ts paramDeadZone).
   */
  readonly paramTdz = new Set<t.Node>();
  /** > 0 while a declaration binds its names (a `const` is written once there). */
  declaring = 0;

  /** Runs `f` as the binding of a declaration's names. */
  declare<T>(f: () => T): T {
    this.declaring++;
    try {
      return f();
    } finally {
      this.declaring--;
    }
  }
  ntVar: string | null = null;
  readonly entries: Entry[] = [];
  private readonly localName = new Map<BindingInfo, string>();
  /** Every save's slot array, with the pc it saves (0: the overflow restart). */
  private readonly slotArrays = new Map<t.ArrayExpression, number>();
  /** Slot arrays of hot copies (hot-copy.ts): their saves run only when a tick interrupts a call-free loop. */
  private readonly hotArrays = new Set<t.ArrayExpression>();
  /**
   * The hot copies of this function's call-free loop nests (rule 9), each with what its
   * `if (!$pc) <copy> else <routed>` stands for without it (hot-copy.ts keepInlinable).
   * A body with any gets no copy of its own (rule 13).
   */
  readonly nestCopies: NestCopy[] = [];
  /** Each resume point's statement, for the liveness analysis (analysis/liveness.ts). */
  readonly sites = new Map<t.Statement, Site>();
  private readonly generated = new WeakSet<t.Node>();
  private pc = 0;
  /** How a `return` completes: plain value, or constructor fix-ups (see emitNativeReturn). */
  returnMode: "plain" | "newTarget" | "init" = "plain";
  /** An async function: `await` sites, and returns that tell the await site (rt.returned). */
  isAsync = false;
  /** The body of a compiled generator: `yield` sites (protocol "Generators"). */
  isGenerator = false;
  /** The body of a compiled async generator: await/yield/return are requests (emit/async-generators.ts). */
  isAsyncGen = false;
  /**
   * A generator body's references to the generator function's own name (a named
   * function expression) read this variable, which holds the native wrapper: the body's
   * own function object (its self) is not the function the source names.
   */
  wrapperName: string | null = null;

  /** What the function's own name means in its body (`fnSelf` bindings). */
  ownName(): t.Identifier {
    return this.wrapperName !== null ? t.identifier(this.wrapperName) : this.self();
  }
  /**
   * Counts itself in `rt.depth` (rules 1, 7, 8). A function without call sites (budget
   * ticks aside) adds one frame at most above its caller and is never below another
   * compiled frame on the stack, so it skips the count: a third of a call's overhead.
   */
  tracksDepth = true;

  /** `$rt.depth = <value>` when this function counts itself, else nothing. */
  setDepth(value: t.Expression): t.Statement[] {
    return this.tracksDepth ? [t.expressionStatement(t.assignmentExpression("=", this.rt("depth"), value))] : [];
  }

  /** `$rt.depth = $d`: catch clauses (frames above were lost to the throw). */
  restoreDepth(): t.Statement[] {
    return this.setDepth(t.identifier(this.dVar));
  }

  constructor(
    readonly mod: ModuleCtx,
    readonly fn: FnInfo,
    /** Name of the variable that holds this function object (protocol rule 2). */
    readonly selfName: string,
    reservedHere: Iterable<string>,
  ) {
    this.names = new NameGen([...mod.analysis.names, ...reservedHere, selfName]);
    this.pcVar = this.names.fresh("$pc");
    this.dVar = this.names.fresh("$d");
    this.fr = this.names.fresh("$fr");
    this.pcLocs.push(locPair(fn.node.loc));
  }

  // ---- names and slots ------------------------------------------------------------

  /** Output name of a non-captured binding of this function (a frame slot). */
  local(b: BindingInfo): string {
    const n = this.localName.get(b);
    if (n === undefined) compilerBug(`binding ${b.name} has no slot in ${this.mod.idOf(this.fn)}`);
    return n;
  }

  hasLocal(b: BindingInfo): boolean {
    return this.localName.has(b);
  }

  /** Gives `b` a slot named like the source when that name is free here. */
  declareLocal(b: BindingInfo, asParam: boolean): string {
    const existing = this.localName.get(b);
    if (existing !== undefined) return existing;
    const name = this.freeVarName(b.name);
    this.localName.set(b, name);
    (asParam ? this.paramSlots : this.localSlots).push(name);
    if (!asParam && (b.kind === "let" || b.kind === "const") && b.scopeNode.loc) this.scopedLocals.set(name, { block: b.scopeNode.loc, from: b.initializedAt });
    return name;
  }

  /**
   * A local variable name based on `base`, unused in this function: the source name when
   * it neither collides with another slot, the function's self name, nor a name the
   * function reads from outside (module bindings, globals); else a fresh variant.
   */
  freeVarName(base: string): string {
    const outer = this.mod.analysis.freeNames.get(this.fn);
    if (this.mod.analysis.names.has(base) && !this.taken.has(base) && !outer?.has(base) && base !== this.selfName) {
      this.taken.add(base);
      return base;
    }
    const n = this.names.fresh(base, "$");
    this.taken.add(n);
    return n;
  }
  private readonly taken = new Set<string>();
  /**
   * let/const slots, with the source range of the block that declares them and where
   * their declaration initializes them, if known (fillSlots).
   */
  private readonly scopedLocals = new Map<string, { block: t.SourceLocation; from: { line: number; column: number } | null }>();

  temp(): string {
    const n = this.names.numbered("$t");
    this.temps.push(n);
    return n;
  }

  /** A slot that is neither a source local nor a temporary (`$fc`, env records…). */
  extraSlot(base: string, into: "env" | "temp"): string {
    const n = this.names.fresh(base);
    (into === "env" ? this.envSlots : this.temps).push(n);
    return n;
  }

  label(base = "$L"): string {
    return this.names.numbered(base);
  }

  slots(): string[] {
    const s = [...this.paramSlots, ...this.localSlots, ...this.temps, ...this.envSlots];
    if (this.argsVar) s.push(this.argsVar);
    if (this.ntVar) s.push(this.ntVar);
    return s;
  }

  /** An array literal that will hold the slots saved at `pc` (filled in by `fillSlots`). */
  slotArray(pc: number): t.ArrayExpression {
    const a = t.arrayExpression([]);
    this.slotArrays.set(a, pc);
    return a;
  }

  /**
   * For a copy of emitted code (hot-copy.ts): a new slot array for the pc `arr` saves, or
   * null if `arr` is not one. `loopTick`: the copy is a call-free nest's, whose saves run
   * only when a tick interrupts it (fillSlots may drop more there). A body copy (rule 13)
   * never copies such a save: a body holding a nest's copy gets none.
   */
  copySlotArray(arr: t.ArrayExpression, loopTick: boolean): t.ArrayExpression | null {
    const pc = this.slotArrays.get(arr);
    if (pc === undefined) return null;
    const copy = this.slotArray(pc);
    if (loopTick) this.hotArrays.add(copy);
    return copy;
  }

  /**
   * Slots that liveness decides on: the compiler's temporaries, environment records, and
   * let/const locals (which fillSlots drops only where they are out of scope).
   * Parameters, var locals, `$args` and `$nt` are always saved (debuggers show the
   * locals of a frame; the others are cheap and needed at pc 0).
   */
  livenessCandidates(): Set<string> {
    return new Set([...this.temps, ...this.envSlots, ...this.scopedLocals.keys()]);
  }

  /**
   * Fills every save's slot array: a candidate slot that is dead at that pc is saved as
   * `void 0` (protocol rule 3), so a record never holds what the code after resuming
   * cannot read (the callee and receiver of a finished call, say), and pickles without it.
   * A let/const local is dropped where it is dead *and* the pc is outside its block or
   * before its declaration initialized it: a debugger still shows every initialized local
   * in scope, dead or not, and a block's locals stop at the block (a loop's tick does not
   * carry the last iteration's `const`s, nor does a call in the next iteration before the
   * `const` is declared again: the slot holds the last iteration's value there). In a
   * hot copy's ticks (hot-copy.ts), which save only when the watchdog interrupts a
   * call-free loop, a dead let/const is dropped even in scope, as optimised code shows
   * "optimized out". Why drop them at all: a save keeps each slot it names alive across
   * the loop or call it stands in, and V8 then has more values to keep in registers in
   * the hot code around it (fannkuch with counting: 11.28 → 10.68 G instructions).
   */
  fillSlots(live: LivenessResult | null): void {
    const s = this.slots();
    const cand = live ? this.livenessCandidates() : null;
    for (const [arr, pc] of this.slotArrays) {
      const at = live ? (pc === 0 ? live.entry : live.atPc.get(pc)) : undefined;
      const drop = (n: string): boolean => {
        if (!cand || !at || !cand.has(n) || at.has(n)) return false;
        const scope = this.scopedLocals.get(n);
        if (scope === undefined || this.hotArrays.has(arr)) return true;
        const where = this.pcLocs[pc];
        return !encloses(scope.block, where) || (scope.from !== null && before(where, scope.from));
      };
      arr.elements = s.map((n) => (drop(n) ? t.unaryExpression("void", t.numericLiteral(0)) : t.identifier(n)));
    }
  }

  // ---- node helpers ---------------------------------------------------------------

  id(name: string): t.Identifier {
    return t.identifier(name);
  }

  rt(prop: string): t.MemberExpression {
    return this.mod.rt(prop);
  }

  self(): t.Identifier {
    return t.identifier(this.selfName);
  }

  /** Marks an output expression whose evaluation order does not matter (closure creation). */
  markPure<T extends t.Node>(n: T): T {
    this.generated.add(n);
    return n;
  }

  isPure(n: t.Node): boolean {
    return this.generated.has(n);
  }

  isTemp(n: t.Node): boolean {
    return t.isIdentifier(n) && this.temps.includes(n.name);
  }

  /** A local (non-captured) variable of this function: no call can change it. */
  isLocalVar(n: t.Node): boolean {
    return t.isIdentifier(n) && (this.taken.has(n.name) || this.paramSlots.includes(n.name));
  }

  // ---- pcs, resume points, budget -------------------------------------------------

  newPc(loc: Loc): number {
    this.pc += 1;
    this.pcLocs.push(locPair(loc));
    return this.pc;
  }

  get lastPc(): number {
    return this.pc;
  }

  private saveReturn(k: number): t.IfStatement {
    return t.ifStatement(
      this.rt("unwinding"),
      t.returnStatement(
        t.callExpression(this.rt("save"), [this.self(), t.numericLiteral(k), t.thisExpression(), this.slotArray(k), ...this.newTargetArg()]),
      ),
    );
  }

  /**
   * A call site:
   *   if ($pc) { $pc = 0; R = $rt.take(); }
   *   else { …normal; if ($rt.unwinding) return $rt.save(self, K, this, [slots]); }
   */
  callSite(L: List, loc: Loc, normal: t.Statement[], result: string | null, takeWith = "take", awaited?: t.Expression): void {
    const k = this.newPc(loc);
    const take = t.callExpression(this.rt(takeWith), []);
    let taking: t.Statement = t.expressionStatement(result ? t.assignmentExpression("=", t.identifier(result), take) : take);
    if (awaited && result) taking = this.awaitedCatch(taking, awaited, result);
    const resume = t.blockStatement([assign(this.pcVar, t.numericLiteral(0)), taking]);
    const stmt = t.ifStatement(t.identifier(this.pcVar), resume, t.blockStatement([...normal, this.saveReturn(k)]));
    stmt.loc = loc ?? null;
    this.sites.set(stmt, { pc: k, result });
    L.add(stmt, k, k);
  }

  /**
   * `$rt.callee = f; R = <call>` plus the resume point around it. `notFunction`: the
   * called value and the source text of the callee, when calling it through a temporary
   * or `.call` would make a non-function's TypeError name the wrong thing: the check
   * throws what V8 throws (`o.m is not a function`), after the arguments, as natively.
   */
  /**
   * `try { S } catch (e) { $rt.depth = $d; R = $rt.failed(F, e) }`: at `await F(…)`, an
   * exception of a compiled async F that ran inline may become the await's rejection
   * (protocol "Async functions", rt.failed), thrown after a microtask turn as natively.
   */
  private awaitedCatch(s: t.Statement, awaited: t.Expression, result: string): t.Statement {
    const e = this.names.fresh("$x");
    return t.tryStatement(t.blockStatement([s]), t.catchClause(t.identifier(e), t.blockStatement([
      ...this.restoreDepth(),
      assign(result, t.callExpression(this.rt("failed"), [t.cloneNode(awaited, true), t.identifier(e)])),
    ])));
  }

  call(L: List, loc: Loc, callee: t.Expression, callExpr: t.Expression, result: string | null, notFunction?: { value: t.Expression; text: string }, notConstructor?: { value: t.Expression; text: string }, awaited?: t.Expression): void {
    const set = t.expressionStatement(t.assignmentExpression("=", this.rt("callee"), callee));
    let run: t.Statement = t.expressionStatement(result ? t.assignmentExpression("=", t.identifier(result), callExpr) : callExpr);
    run.loc = loc ?? null;
    if (notConstructor) {
      // `new` through a temporary or an env member: on a throw, name the source callee
      // if it was not a constructor (free on the normal path).
      const e = this.names.fresh("$x");
      run = t.tryStatement(t.blockStatement([run]), t.catchClause(t.identifier(e), t.blockStatement([
        t.throwStatement(t.callExpression(t.identifier(this.mod.ctorErrorFn()), [t.identifier(e), notConstructor.value, t.stringLiteral(notConstructor.text)])),
      ])));
    }
    if (awaited && result) run = this.awaitedCatch(run, awaited, result);
    const normal: t.Statement[] = [set, run];
    if (notFunction) {
      const check = t.ifStatement(
        t.binaryExpression("!==", t.unaryExpression("typeof", notFunction.value), t.stringLiteral("function")),
        t.throwStatement(t.newExpression(t.identifier("TypeError"), [t.stringLiteral(`${notFunction.text} is not a function`)])),
      );
      check.loc = loc ?? null;
      normal.unshift(check);
    }
    this.callSite(L, loc, normal, result, "take", awaited);
  }

  /**
   * Budget check and resume point at function entry and loop tops (rule 9):
   *   if ($pc) { $pc = 0; $rt.take(); }
   *   else if (($rt.budget = $rt.budget - k | 0) < 0) { $rt.callee = $rt.tick; $rt.tick(); if ($rt.unwinding) return … }
   * Inside a locally counted loop nest (see `budgetVar`) the charge goes to the local counter:
   *   if ($pc) { $pc = 0; $rt.take(); $n = $rt.chunk(); }
   *   else if (($n = $n - k | 0) < 0 && ($n = $rt.refill($n)) < 0) { …tick as above…; $n = $rt.chunk(); }
   */
  tick(L: List, k: number, loc: Loc): void {
    if (!this.mod.opts.count) return;
    const pc = this.newPc(loc);
    const n = this.budgetVar;
    const charge = t.binaryExpression("<", spend(() => (n ? t.identifier(n) : this.rt("budget")), Math.max(1, k)), t.numericLiteral(0));
    const check = n
      ? t.logicalExpression("&&", charge, t.binaryExpression("<", t.assignmentExpression("=", t.identifier(n), t.callExpression(this.rt("refill"), [t.identifier(n)])), t.numericLiteral(0)))
      : charge;
    const tick = t.blockStatement([
      t.expressionStatement(t.assignmentExpression("=", this.rt("callee"), this.rt("tick"))),
      t.expressionStatement(t.callExpression(this.rt("tick"), [])),
      this.saveReturn(pc),
      ...(n ? [this.takeChunk()] : []),
    ]);
    const resume = t.blockStatement([assign(this.pcVar, t.numericLiteral(0)), t.expressionStatement(t.callExpression(this.rt("take"), [])), ...(n ? [this.takeChunk()] : [])]);
    const stmt = t.ifStatement(t.identifier(this.pcVar), resume, t.ifStatement(check, tick));
    this.sites.set(stmt, { pc, result: null });
    L.add(stmt, pc, pc);
  }

  /** `$rt.budget = $rt.budget - k | 0` (or `$n = …` in a local nest) at the top of a basic block that is not a loop body. */
  charge(L: List, k: number): void {
    if (!this.mod.opts.count || k <= 0) return;
    const n = this.budgetVar;
    L.add(t.expressionStatement(spend(() => (n ? t.identifier(n) : this.rt("budget")), k)));
  }

  // ---- local counting (protocol rule 9) ---------------------------------------------

  /**
   * The local instruction counter of the loop nest being emitted, or null. A call-free
   * loop nest (analysis/meta.ts countsLocally) moves a chunk of the budget into a local
   * at entry (`$n = $rt.chunk()`), charges the local, and gives the unused rest back on
   * every way out (`$rt.budget += $n`: after the loop, before a break/continue/return
   * that leaves it, before a throw statement). Why: a store to `$rt.budget` in every
   * iteration costs a tight loop half its speed, a local decrement almost nothing. The
   * count stays exact. How big a chunk is, and why it is about 10^9 when no watchdog is
   * armed (a refill branch V8 never sees taken), is protocol.ts `chunk`'s business. An
   * exception thrown by an operation
   * (not a throw statement) skips the give-back: the budget is then short by at most one
   * chunk, which makes the next tick early, never late.
   */
  budgetVar: string | null = null;
  /** The counter's name, once a nest has used it (declared in the prologue, never saved). */
  budgetName: string | null = null;

  /** Where a counted loop's copy keeps its start index (control.ts countedLoop; declared in the prologue, never saved). */
  tripStart: string | null = null;

  tripStartVar(): string {
    return (this.tripStart ??= this.names.fresh("$i0"));
  }

  beginLocalBudget(): void {
    if (this.budgetVar !== null) compilerBug("nested local budget");
    this.budgetName ??= this.names.fresh("$n");
    this.budgetVar = this.budgetName;
  }

  endLocalBudget(): void {
    this.budgetVar = null;
  }

  /** `$n = $rt.chunk()` */
  takeChunk(): t.Statement {
    return assign(this.budgetName as string, t.callExpression(this.rt("chunk"), []));
  }

  /** `$rt.budget += $n` */
  giveBack(): t.Statement {
    return t.expressionStatement(t.assignmentExpression("+=", this.rt("budget"), t.identifier(this.budgetName as string)));
  }

  /**
   * A plain `function` that uses `this` may run under `new`: its records carry new.target
   * so that the trampoline makes a resumed `new` evaluate to the object (runtime drive()).
   */
  newTargetArg(): t.Expression[] {
    return this.returnMode === "newTarget" && this.ntVar ? [t.identifier(this.ntVar)] : [];
  }

  // ---- returns ----------------------------------------------------------------------

  emitNativeReturn(L: List, value: t.Expression | null): void {
    for (const st of this.setDepth(t.binaryExpression("-", t.identifier(this.dVar), t.numericLiteral(1)))) L.add(st);
    if (this.isAsync) L.add(this.asyncReturned());
    L.add(t.returnStatement(this.returnValue(value)));
  }

  /** `$rt.returned = self`: an async function completing inline tells its `await f()` site. */
  asyncReturned(): t.Statement {
    return t.expressionStatement(t.assignmentExpression("=", this.rt("returned"), this.self()));
  }

  /**
   * What a completing frame returns: an init method (rule 12) returns `this` unless the
   * body returned an object; in a derived class, returning anything else but undefined
   * throws TypeError, as [[Construct]] does.
   */
  returnValue(value: t.Expression | null): t.Expression | null {
    if (this.returnMode === "init") {
      if (value === null) return t.thisExpression();
      const v = this.temp();
      const isObj = t.logicalExpression(
        "||",
        t.logicalExpression("&&", t.binaryExpression("===", t.unaryExpression("typeof", t.identifier(v)), t.stringLiteral("object")), t.binaryExpression("!==", t.identifier(v), t.nullLiteral())),
        t.binaryExpression("===", t.unaryExpression("typeof", t.identifier(v)), t.stringLiteral("function")),
      );
      const otherwise = this.fn.superIndex >= 0
        ? t.conditionalExpression(t.binaryExpression("===", t.identifier(v), t.unaryExpression("void", t.numericLiteral(0))), t.thisExpression(), this.mod.badDerivedReturn())
        : t.thisExpression();
      return t.sequenceExpression([t.assignmentExpression("=", t.identifier(v), value), t.conditionalExpression(isObj, t.identifier(v), otherwise)]);
    }
    return value;
  }

  // ---- environments ---------------------------------------------------------------------

  /** Output name of env `e` owned by this function. */
  envVar(e: EnvInfo): string {
    if (e.owner !== this.fn) compilerBug("envVar of a foreign env");
    if (e.varName === "") e.varName = this.extraSlot(e.kind === "function" ? "$e" : "$eb", "env");
    return e.varName;
  }
}

export function assign(name: string, value: t.Expression): t.ExpressionStatement {
  return t.expressionStatement(t.assignmentExpression("=", t.identifier(name), value));
}

/** Whether the source range `scope` holds the position `at` ([0, 0], no position: it does). */
function encloses(scope: t.SourceLocation, at: [number, number] | undefined): boolean {
  if (!at || at[0] === 0) return true;
  const [line, col] = at;
  const after = line > scope.start.line || (line === scope.start.line && col >= scope.start.column);
  const before = line < scope.end.line || (line === scope.end.line && col <= scope.end.column);
  return after && before;
}

/** Whether the position `at` comes before `pos` (no position: it does not). */
function before(at: [number, number] | undefined, pos: { line: number; column: number }): boolean {
  if (!at || at[0] === 0) return false;
  return at[0] < pos.line || (at[0] === pos.line && at[1] < pos.column);
}

export function locPair(loc: Loc): [number, number] {
  return loc ? [loc.start.line, loc.start.column] : [0, 0];
}

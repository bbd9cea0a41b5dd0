/**
 * One compiled function: parameters, prologue, body, code record (protocol rules 1–4).
 *
 *   function f(params) {
 *     var $pc = 0, $d, …slots;
 *     if ($rt.callee !== SELF) {
 *       if ($rt.callee !== $rt.RESUME) return $rt.nested(SELF, this, arguments, new.target);
 *       ({ pc: $pc, vars: [...slots] } = $rt.frame);
 *     } else { $args = arguments; $nt = new.target; }        // when used
 *     $rt.callee = $rt.NOBODY;
 *     if (($d = ++$rt.depth) > $rt.maxDepth) return $rt.overflow(SELF, this, [...slots]);
 *     …body behind the resume dispatch…
 *     $rt.depth = $d - 1;
 *   }
 */
import * as t from "@babel/types";
import { listCharge } from "./charges.js";
import { hotBody, keepInlinable } from "./hot-copy.js";
import { codeHash } from "../code-id.js";
import { compilerBug } from "../errors.js";
import { liveness } from "../analysis/liveness.js";
import { hasCall, markAsyncGeneratorReturns } from "../analysis/meta.js";
import type { BindingInfo, EnvKey, FnInfo } from "../analysis/scope.js";
import type { NodePath } from "@babel/traverse";
import { assign, FnEmitter } from "./emitter.js";
import { ex } from "./expressions.js";
import { emitLeap } from "./leaps.js";
import { List, seal } from "./list.js";
import { assignPattern } from "./patterns.js";
import { bindingRef, envRef } from "./refs.js";
import { emitStatements, tdzSlots, uninitialized } from "./statements.js";
import type { ModuleCtx } from "./module.js";

export interface FnSpec {
  fn: FnInfo;
  selfName: string;
  /** Display name for the code record. */
  name: string;
  /**
   * Source parameters, or the bindings passed in by a caller that bound them: a split
   * constructor (init methods, then `newTarget`), or the native wrapper of a generator
   * with non-simple parameters (then `args`: the wrapper's `arguments` object).
   */
  params: ReadonlyArray<t.Node> | BoundParams;
  body: ReadonlyArray<t.Statement> | t.Expression;
  /** Source node whose text is hashed and whose position starts the record. */
  source: t.Node;
  returnMode: FnEmitter["returnMode"];
  reserved?: string[];
  /** A generator body: the variable holding the native wrapper, for its own name (null: a declaration). */
  wrapperName?: string | null;
}

export interface BoundParams {
  bindings: BindingInfo[];
  newTarget: boolean;
  args?: boolean;
}

export interface CompiledFn {
  params: Array<t.Identifier | t.RestElement | t.AssignmentPattern>;
  body: t.BlockStatement;
  /** Module-level variable holding the code record. */
  codeVar: string;
}

export function compileFunction(mod: ModuleCtx, spec: FnSpec): CompiledFn {
  const fn = spec.fn;
  const em = new FnEmitter(mod, fn, spec.selfName, spec.reserved ?? []);
  em.returnMode = spec.returnMode;
  em.isGenerator = t.isFunction(fn.node) && fn.node.generator === true && spec.returnMode !== "init";
  // An async generator's body is no async function: its awaits are requests to its wrapper.
  em.isAsyncGen = em.isGenerator && (fn.node as t.Function).async === true;
  em.isAsync = spec.returnMode !== "init" && t.isFunction(fn.node) && fn.node.async === true && !em.isAsyncGen;
  em.wrapperName = spec.wrapperName ?? null;
  if (em.isAsyncGen) for (const s of spec.body as t.Statement[]) markAsyncGeneratorReturns(s);
  const leaf = isLeaf(spec);
  em.tracksDepth = !leaf;
  if (em.isAsync) mod.usesAsync = true;

  // Parameters: plain identifiers stay parameters; patterns and defaults move into the
  // body (rule 4) so re-entering with no arguments is sound.
  const params: Array<t.Identifier | t.RestElement> = [];
  const deferred: Array<() => void> = [];
  const L = new List();
  const bindingOf = (id: t.Identifier): BindingInfo => {
    const b = mod.analysis.bindingOf.get(id);
    if (!b) compilerBug(`parameter ${id.name} without binding`);
    return b;
  };
  if (Array.isArray(spec.params)) paramDeadZone(mod, em, spec.params as t.Node[]);
  if (!Array.isArray(spec.params)) {
    const p = spec.params as BoundParams;
    for (const b of p.bindings) params.push(t.identifier(em.declareLocal(b, true)));
    if (p.newTarget) {
      em.ntVar = em.names.fresh("$nt");
      params.push(t.identifier(em.ntVar));
    }
    if (p.args) {
      em.argsVar = em.names.fresh("$args");
      params.push(t.identifier(em.argsVar));
    }
  } else {
    for (const p of spec.params as t.Node[]) {
      if (t.isIdentifier(p)) {
        params.push(t.identifier(em.declareLocal(bindingOf(p), true)));
      } else if (t.isRestElement(p) && t.isIdentifier(p.argument)) {
        params.push(t.restElement(t.identifier(em.declareLocal(bindingOf(p.argument), true))));
      } else if (t.isTSParameterProperty(p)) {
        throw mod.errors.error(p, "TypeScript parameter properties must be compiled away before stackless-ts");
      } else {
        const name = em.freeVarName("$a");
        em.paramSlots.push(name);
        if (t.isRestElement(p)) {
          params.push(t.restElement(t.identifier(name)));
          deferred.push(() => em.declare(() => assignPattern(em, p.argument, t.identifier(name), L)));
        } else {
          params.push(t.identifier(name));
          deferred.push(() => em.declare(() => assignPattern(em, p as t.LVal, t.identifier(name), L)));
        }
      }
    }
  }
  for (const b of fn.bindings) {
    if (b.native || b.fnSelf || em.hasLocal(b)) continue;
    if (b.captured) continue;
    em.declareLocal(b, false);
  }
  if ((fn.usesArgs || fn.capArgs) && !em.argsVar) em.argsVar = em.names.fresh("$args");
  if (!em.ntVar && (fn.usesNewTarget || fn.capNewTarget || spec.returnMode === "newTarget")) em.ntVar = em.names.fresh("$nt");

  // Body.
  if (fn.fnEnv) {
    const env = fn.fnEnv;
    const init = new Map<EnvKey, t.Expression>();
    for (const key of env.members.keys()) {
      if (key === "$this") init.set(key, t.thisExpression());
      else if (key === "$args") init.set(key, t.identifier(em.argsVar as string));
      else if (key === "$newTarget") init.set(key, t.identifier(em.ntVar as string));
      else if (key.fnSelf) init.set(key, em.ownName());
      else if (em.hasLocal(key)) init.set(key, t.identifier(em.local(key))); // captured parameter
    }
    const props = [t.objectProperty(t.identifier("$p"), env.parent ? envRef(mod, fn, em, env.parent) : t.nullLiteral())];
    for (const [key, member] of env.members) props.push(t.objectProperty(t.identifier(member), init.get(key) ?? uninitialized(em, key)));
    L.add(assign(em.envVar(env), t.objectExpression(props)));
    const mapped = mappedCapturedParams(mod, spec, bindingOf);
    if (em.argsVar && mapped) {
      const names = mapped.map((b) => (b && env.members.has(b) ? t.stringLiteral(env.members.get(b) as string) : t.nullLiteral()));
      if (names.some((n) => !t.isNullLiteral(n))) {
        L.add(t.expressionStatement(t.callExpression(t.identifier(mod.mapArgsFn()), [t.identifier(em.argsVar), t.identifier(em.envVar(env)), t.arrayExpression(names)])));
      }
    }
  }
  tdzSlots(em, fn.node, L);
  const body = spec.body;
  // A leaf (no call site) charges its entry without a check (rule 9): it cannot recurse,
  // so every path through it that runs unbounded passes a loop top, which checks, and a
  // call into it from plain code is checked by rt.nested.
  const entryCharge = Array.isArray(body) ? listCharge(body as t.Statement[]) : 1;
  if (leaf) em.charge(L, Math.max(1, entryCharge));
  else em.tick(L, entryCharge, spec.source.loc);
  for (const d of deferred) d();
  // The body's own `var x` for a parameter x (FnInfo.paramCopies), before the body's
  // function declarations, which overwrite it.
  for (const { param, copy } of fn.paramCopies) {
    L.add(t.expressionStatement(t.assignmentExpression("=", bindingRef(mod, fn, em, copy), bindingRef(mod, fn, em, param))));
  }
  if (Array.isArray(body)) {
    emitStatements(em, body as t.Statement[], L);
  } else {
    const v = ex(em, body as t.Expression, L);
    emitLeap(em, L, { kind: "return" }, v);
  }
  // Rule 13: a copy without resume routing for calls that do not resume. Not for a
  // generator's body, which every next() but the first enters resuming, nor for a body
  // holding a loop nest's copy: its time is in the nest, which has no routing already,
  // and copying the body around it only made it bigger (fannkuch 1,222 M → 1,277 M and
  // nbody 555 M → 569 M instructions without counting).
  const sealed = seal(L, em.pcVar);
  const copies = mod.opts.hotCopies && !em.isGenerator && em.nestCopies.length === 0;
  const stmts = copies ? hotBody(sealed, em.pcVar, (arr) => em.copySlotArray(arr, false)) : sealed;

  // Prologue.
  const slots = em.slots();
  const declared = new Set(params.map((p) => (t.isRestElement(p) ? (p.argument as t.Identifier).name : p.name)));
  const vars = [t.variableDeclarator(t.identifier(em.pcVar), t.numericLiteral(0)), ...(em.tracksDepth ? [t.variableDeclarator(t.identifier(em.dVar))] : []), t.variableDeclarator(t.identifier(em.fr))];
  if (em.budgetName !== null) vars.push(t.variableDeclarator(t.identifier(em.budgetName)));
  if (em.tripStart !== null) vars.push(t.variableDeclarator(t.identifier(em.tripStart)));
  for (const s of slots) if (!declared.has(s)) vars.push(t.variableDeclarator(t.identifier(s)));
  const rt = (p: string): t.MemberExpression => em.rt(p);
  const direct: t.Statement[] = [];
  if (em.argsVar && !declared.has(em.argsVar)) direct.push(assign(em.argsVar, t.identifier("arguments")));
  if (em.ntVar && !declared.has(em.ntVar)) direct.push(assign(em.ntVar, t.metaProperty(t.identifier("new"), t.identifier("target"))));
  // An async function runs inline only when its caller waits for it (an `await f()` site
  // or a stack's start set rt.awaiting); any other call starts it in a new tasklet.
  const notCallee: t.Expression = t.binaryExpression("!==", rt("callee"), em.self());
  const notDirect: t.Expression = em.isAsync
    ? t.logicalExpression("||", notCallee, t.binaryExpression("!==", rt("awaiting"), em.self()))
    : notCallee;
  const other: t.Expression = em.isAsync
    ? t.callExpression(rt("spawn"), [em.self(), t.thisExpression(), nestedArgs(em, fn, params)])
    : t.callExpression(rt("nested"), [em.self(), t.thisExpression(), nestedArgs(em, fn, params), fn.isArrow ? t.identifier("undefined") : t.metaProperty(t.identifier("new"), t.identifier("target"))]);
  const prologue: t.Statement[] = [
    t.variableDeclaration("var", vars),
    t.ifStatement(
      notDirect,
      t.blockStatement([
        t.ifStatement(t.binaryExpression("!==", rt("callee"), rt("RESUME")), t.returnStatement(other)),
        ...restore(em, slots),
      ]),
      direct.length ? t.blockStatement(direct) : null,
    ),
    ...(em.isAsync ? [t.expressionStatement(t.assignmentExpression("=", rt("awaiting"), t.nullLiteral()))] : []),
    // null, not `$rt.NOBODY`: both equal no function, and storing the literal saves a
    // load per call (fib: 1.78x native -> about 1.65x, bench W1).
    t.expressionStatement(t.assignmentExpression("=", rt("callee"), t.nullLiteral())),
    ...(em.tracksDepth
      ? [t.ifStatement(
        t.binaryExpression(">", t.assignmentExpression("=", t.identifier(em.dVar), t.updateExpression("++", rt("depth"), true)), rt("maxDepth")),
        t.returnStatement(t.callExpression(rt("overflow"), [em.self(), t.thisExpression(), em.slotArray(0), ...em.newTargetArg()])),
      )]
      : []),
  ];
  const epilogue: t.Statement[] = [];
  const endValue = em.returnValue(null);
  if (!endsInReturn(stmts)) {
    epilogue.push(...em.setDepth(t.binaryExpression("-", t.identifier(em.dVar), t.numericLiteral(1))));
    if (em.isAsync) epilogue.push(em.asyncReturned());
    if (endValue) epilogue.push(t.returnStatement(endValue));
  }
  // The original alone: a resumed frame runs it, whichever copy saved the frame, and the
  // copy is the original as run from pc 0 (rule 13). Half the work on copied bodies.
  em.fillSlots(liveness([...sealed, ...epilogue], em.livenessCandidates(), em.sites, em.pcVar));

  const src = spec.source;
  const text = src.start != null && src.end != null ? mod.code.slice(src.start, src.end) : "";
  const codeVar = mod.addCode(fn, {
    name: spec.name,
    hash: codeHash(text),
    vars: slots,
    pcs: em.pcLocs.flat(),
    line: src.loc ? src.loc.start.line : 0,
    column: src.loc ? src.loc.start.column : 0,
  });
  // A body with nest copies has no body copy (above), also when they are dropped here.
  keepInlinable([...prologue, ...stmts, ...epilogue], em.nestCopies);
  // The body's directives ("use strict") stay: without them a strict function in a
  // sloppy script would run sloppy (`this`, arguments mapping, undeclared assignments).
  const block = t.blockStatement([...prologue, ...stmts, ...epilogue], ownDirectives(fn).map((d) => t.cloneNode(d)));
  return { params: unmappedIfPatterns(em, spec, lengthPreserving(spec, params)), body: block, codeVar };
}

/**
 * Marks the references in parameter i's defaults to parameters j > i (or to parameter i
 * itself in `a = a`), outside nested functions: they run while those are in their dead
 * zone. References from nested functions are left alone (they usually run later).
 */
function paramDeadZone(mod: ModuleCtx, em: FnEmitter, params: t.Node[]): void {
  const bindingsOf = (p: t.Node): Set<BindingInfo> => {
    const out = new Set<BindingInfo>();
    for (const id of Object.values(t.getBindingIdentifiers(p))) {
      const b = mod.analysis.bindingOf.get(id);
      if (b) out.add(b);
    }
    return out;
  };
  params.forEach((p, i) => {
    if (t.isIdentifier(p) || (t.isRestElement(p) && t.isIdentifier(p.argument))) return;
    const dead = new Set<BindingInfo>();
    for (const q of params.slice(i + 1)) for (const b of bindingsOf(q)) dead.add(b);
    if (t.isAssignmentPattern(p) && t.isIdentifier(p.left)) for (const b of bindingsOf(p.left)) dead.add(b);
    if (!dead.size) return;
    const visit = (n: t.Node | null | undefined, inDefault: boolean): void => {
      if (!n || t.isFunction(n) || t.isClass(n)) return;
      if (inDefault && t.isIdentifier(n)) {
        const b = mod.analysis.bindingOf.get(n);
        if (b && dead.has(b)) em.paramTdz.add(n);
        return;
      }
      for (const key of t.VISITOR_KEYS[n.type] ?? []) {
        const v = (n as unknown as Record<string, unknown>)[key];
        const childInDefault = inDefault || (t.isAssignmentPattern(n) && key === "right") || (t.isObjectProperty(n) && n.computed && key === "key");
        if (Array.isArray(v)) for (const c of v) visit(c as t.Node, childInDefault);
        else if (v && typeof v === "object" && typeof (v as t.Node).type === "string") visit(v as t.Node, childInDefault);
      }
    };
    visit(p, false);
  });
}

function ownDirectives(fn: FnInfo): t.Directive[] {
  const node = fn.node;
  return t.isFunction(node) && t.isBlockStatement(node.body) ? node.body.directives : [];
}

/**
 * A sloppy function with a simple parameter list has a *mapped* arguments object: its
 * indices alias the parameters. The engine maps them to the JavaScript parameters, but a
 * parameter captured by a closure lives in the env record instead, so those indices are
 * re-linked to the env members (`$mapArgs`). The bindings by parameter index, or null
 * when the arguments object is not mapped.
 */
function mappedCapturedParams(mod: ModuleCtx, spec: FnSpec, bindingOf: (id: t.Identifier) => BindingInfo): Array<BindingInfo | null> | null {
  const fn = spec.fn;
  if (fn.isArrow || !Array.isArray(spec.params) || !t.isFunction(fn.node)) return null;
  const ps = spec.params as t.Node[];
  if (!ps.every((p) => t.isIdentifier(p))) return null;
  if (ownDirectives(fn).some((d) => d.value.value === "use strict") || (fn.path as NodePath).isInStrictMode()) return null;
  return ps.map((p) => {
    const b = bindingOf(p as t.Identifier);
    return b.captured ? b : null;
  });
}

/**
 * No call site in the body or the parameters (calls, `new`, tagged templates, `await`,
 * and the iterator calls of for-of): the function never has a compiled frame above it.
 */
function isLeaf(spec: FnSpec): boolean {
  const parts: t.Node[] = [...(Array.isArray(spec.params) ? (spec.params as t.Node[]) : []), ...(Array.isArray(spec.body) ? (spec.body as t.Statement[]) : [spec.body as t.Expression])];
  return !parts.some((n) => hasCall(n) || hasForOf(n));
}

function hasForOf(node: t.Node): boolean {
  let found = false;
  t.traverseFast(node, (n) => {
    if (t.isForOfStatement(n)) found = true;
  });
  return found;
}

/**
 * `fn.length` counts the parameters before the first default or rest. Defaults moved
 * into the body (rule 4), so from the first one on the output parameters get `= void 0`
 * (the value is the same: undefined when missing) and the length stays the source's.
 */
function lengthPreserving(spec: FnSpec, params: Array<t.Identifier | t.RestElement>): Array<t.Identifier | t.RestElement | t.AssignmentPattern> {
  if (!Array.isArray(spec.params)) return params;
  const first = expectedArgumentCount(spec.params as t.Node[]);
  return params.map((p, i) => (i >= first && t.isIdentifier(p) ? t.assignmentPattern(p, t.unaryExpression("void", t.numericLiteral(0))) : p));
}

/** A function's `length` (ExpectedArgumentCount): its parameters before the first default or rest. */
export function expectedArgumentCount(params: readonly t.Node[]): number {
  const first = params.findIndex((p) => t.isAssignmentPattern(p) || t.isRestElement(p));
  return first < 0 ? params.length : first;
}

/**
 * A parameter list with a pattern is not simple, so a sloppy function's arguments object
 * is *unmapped*; the patterns move into the body (rule 4), and an output list of plain
 * identifiers would make the engine map it (`function f(a, [b]) { arguments[0] = 2 }`
 * would change `a`). When the output list has no default or rest that keeps it
 * non-simple and the function reads `arguments`, an unused trailing parameter with a
 * default does (after plain identifiers it does not count in `fn.length`).
 */
function unmappedIfPatterns(em: FnEmitter, spec: FnSpec, params: Array<t.Identifier | t.RestElement | t.AssignmentPattern>): Array<t.Identifier | t.RestElement | t.AssignmentPattern> {
  const fn = spec.fn;
  if (!em.argsVar || fn.isArrow || !Array.isArray(spec.params)) return params;
  if (!(spec.params as t.Node[]).some((p) => t.isPattern(p))) return params;
  if (params.some((p) => !t.isIdentifier(p))) return params;
  if (ownDirectives(fn).some((d) => d.value.value === "use strict") || (fn.path as NodePath).isInStrictMode()) return params;
  // A trailing default (not a rest: that would allocate an array at every call).
  return [...params, t.assignmentPattern(t.identifier(em.names.fresh("$unmapped")), t.unaryExpression("void", t.numericLiteral(0)))];
}

/**
 * The arguments handed to rt.nested. Naming `arguments` makes V8 allocate the arguments
 * object on every call, even when only a cold branch reads it, so a function that never
 * reads `arguments` passes its parameters instead (extra arguments are unobservable to
 * it, and a missing one is `undefined` either way).
 */
function nestedArgs(em: FnEmitter, fn: FnInfo, params: Array<t.Identifier | t.RestElement>): t.Expression {
  if (fn.usesArgs || fn.capArgs) return t.identifier("arguments");
  // The rest array holds what the call site's iteration produced: spread it again
  // without the program's iterators (rt.respread).
  return t.arrayExpression(params.map((p) => (t.isRestElement(p) ? t.spreadElement(t.callExpression(em.rt("respread"), [t.identifier((p.argument as t.Identifier).name)])) : t.identifier(p.name))));
}

/** `$pc = (f = $rt.frame).pc; f = f.vars; a = f[0]; …` (indexed: smaller than destructuring). */
function restore(em: FnEmitter, slots: string[]): t.Statement[] {
  const f = em.fr;
  const out: t.Statement[] = [
    assign(em.pcVar, t.memberExpression(t.assignmentExpression("=", t.identifier(f), em.rt("frame")), t.identifier("pc"))),
  ];
  if (slots.length) out.push(assign(f, t.memberExpression(t.identifier(f), t.identifier("vars"))));
  slots.forEach((s, i) => out.push(assign(s, t.memberExpression(t.identifier(f), t.numericLiteral(i), true))));
  return out;
}

function endsInReturn(stmts: t.Statement[]): boolean {
  const last = stmts[stmts.length - 1];
  return last !== undefined && (t.isReturnStatement(last) || t.isThrowStatement(last));
}

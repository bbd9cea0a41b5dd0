/**
 * Scope analysis: which function-like *context* every variable belongs to, whether an
 * inner function captures it (then it lives in an environment record, protocol rule 10),
 * and where each environment record sits in the chain `$o.$p.$p…`.
 *
 * A *context* is anything whose code runs later than where it stands: functions, methods,
 * class field initializers and static blocks. Bindings of compiled contexts are rewritten
 * by the emitter (locals → slots, captured → env members); bindings of plain contexts and
 * of the module stay native.
 *
 * Invariants:
 * - every Identifier node that names a variable of a compiled context is in `bindingOf`;
 * - a captured binding of compiled context F lives in F's function env, or in the env of
 *   its block when that block is inside a loop of F (one env per iteration);
 * - `env.parent` is the env active where the env is created, so a reference from context
 *   G to env X is `$o` plus one `.$p` per hop from G's creation env to X.
 */
import * as t from "@babel/types";
import type { NodePath, Binding } from "@babel/traverse";
import { compilerBug } from "../errors.js";
import type { CompileErrors } from "../errors.js";
import { classify, type Mode } from "../select.js";
import { isSimpleParams, markNativeCall, pureBuiltinRoot } from "./meta.js";

export type CtxNode = t.Function | t.ClassProperty | t.ClassPrivateProperty | t.ClassAccessorProperty | t.StaticBlock;

/** How a reference uses its binding: read, assigned (`=`, patterns), or both (`+=`, `++`). */
export type RefUse = "read" | "write" | "update";

export type EnvKey = BindingInfo | "$this" | "$args" | "$newTarget";

export interface EnvInfo {
  owner: FnInfo;
  /** The function node (function env) or the block-like node whose env this is. */
  scopeNode: t.Node;
  kind: "function" | "block";
  parent: EnvInfo | null;
  /** Member name of each binding stored here (insertion order = literal order). */
  members: Map<EnvKey, string>;
  /** Output variable holding it inside its owner (set by the emitter). */
  varName: string;
}

export interface BindingInfo {
  name: string;
  kind: string;
  owner: FnInfo | null;
  scopeNode: t.Node;
  /** Referenced from a context other than its owner. */
  captured: boolean;
  env: EnvInfo | null;
  /** The own name of a class expression: stays native inside the class factory. */
  native: boolean;
  /** The own name of a function expression: its value is the function itself. */
  fnSelf: boolean;
  /** Declared by the class declaration `node` (references inside the class stay native). */
  classDecl: t.ClassDeclaration | null;
  /**
   * Where a let/const variable declaration initializes it (the end of its declarator), or
   * null: before that, in its block, the binding is in its dead zone.
   */
  initializedAt: { line: number; column: number } | null;
  /**
   * A let/const/class binding with a reference that may run before its declaration:
   * its slot or env member holds `$rt.NOBODY` until then, and those references check.
   */
  tdz: boolean;
}

export interface FnInfo {
  node: CtxNode;
  path: NodePath<CtxNode>;
  parent: FnInfo | null;
  mode: Mode;
  isArrow: boolean;
  /** `this` / `arguments` / `new.target` used in its own body (not through arrows). */
  usesThis: boolean;
  usesArgs: boolean;
  usesNewTarget: boolean;
  /** … used by nested arrows, so they live in its function env. */
  capThis: boolean;
  capArgs: boolean;
  capNewTarget: boolean;
  /** An arrow that uses `super` of its method, itself or in an arrow nested in it. */
  superInArrow: t.Node | null;
  bindings: BindingInfo[];
  fnEnv: EnvInfo | null;
  blockEnvs: Map<t.Node, EnvInfo>;
  /** The env active where this context is created (null: module level). */
  creationEnv: EnvInfo | null;
  /** For a split constructor: index of the `super(…)` statement in the body (-1: base class). */
  superIndex: number;
  /** A leaf constructor left plain (select.ts leafShape): it charges its statements on entry. */
  leafCtor: boolean;
  /**
   * Parameters the body redeclares (`var x`, `function x() {}`) in a function whose
   * parameter expressions create closures: the body's `x` is a binding of its own,
   * initialised to the parameter's value (ECMA-262 FunctionDeclarationInstantiation step
   * 28.f), so the closures keep seeing the parameter. The emitter copies `param` into
   * `copy` once the parameters are bound.
   */
  paramCopies: Array<{ param: BindingInfo; copy: BindingInfo }>;
}

export interface Analysis {
  fns: Map<t.Node, FnInfo>;
  bindingOf: Map<t.Identifier, BindingInfo>;
  /** Every identifier name in the file: generated names avoid them. */
  names: Set<string>;
  /**
   * Names each context reads natively from outside itself (globals, module bindings,
   * class self names): its slots must not shadow them.
   */
  freeNames: Map<FnInfo | null, Set<string>>;
  /** References to a class declaration's name inside that class: they stay native. */
  nativeRefs: Set<t.Identifier>;
  /** `arguments` identifiers that name the implicit arguments object. */
  argsRefs: Set<t.Identifier>;
  /** The env active where each class stands (classes in compiled contexts). */
  classEnv: Map<t.Node, EnvInfo | null>;
  /** Context in which each class stands. */
  classCtx: Map<t.Node, FnInfo | null>;
  /** The name JavaScript gives each function and class (own or inferred; "" if none). */
  inferred: Map<t.Node, string>;
  /**
   * References to let/const/class bindings of compiled code that may run before the
   * declaration (TDZ), and how each uses the binding.
   */
  tdzRefs: Map<t.Identifier, RefUse>;
  /**
   * For each context whose code (nested contexts included) reads a block-scoped binding
   * of the module body (a let/const/class/function in a module-level block, loop head,
   * catch clause or switch): the innermost such scope. Factories built for it must stand
   * there, not at module level, to see those bindings.
   */
  blockAnchor: Map<FnInfo, NodePath>;
}

export function isCtxNode(node: t.Node): node is CtxNode {
  return (
    t.isFunction(node) ||
    t.isClassProperty(node) ||
    t.isClassPrivateProperty(node) ||
    t.isClassAccessorProperty(node) ||
    t.isStaticBlock(node)
  );
}

/** Is `child` (reached from `parent` through `key`) evaluated inside parent's own context? */
export function entersCtx(parent: t.Node, key: string): boolean {
  if (t.isFunction(parent)) return key === "params" || key === "body" || (key === "id" && t.isFunctionExpression(parent));
  if (t.isStaticBlock(parent)) return key === "body";
  if (t.isClassProperty(parent) || t.isClassPrivateProperty(parent) || t.isClassAccessorProperty(parent)) {
    return key === "value";
  }
  return false;
}

/** The context whose code evaluates `path` (null: module level). */
export function ctxPathOf(path: NodePath): NodePath | null {
  let child: NodePath = path;
  for (let p = path.parentPath; p; child = p, p = p.parentPath) {
    const key = child.listKey ?? String(child.key);
    if (entersCtx(p.node, key)) return p;
  }
  return null;
}

const LOOP_TYPES = new Set(["ForStatement", "ForInStatement", "ForOfStatement", "WhileStatement", "DoWhileStatement"]);

export function analyze(program: NodePath<t.Program>, errors: CompileErrors, unsupported: "plain" | "error" = "plain"): Analysis {
  const fns = new Map<t.Node, FnInfo>();
  const bindingOf = new Map<t.Identifier, BindingInfo>();
  const infoOf = new Map<Binding, BindingInfo>();
  const names = new Set<string>();
  const freeNames = new Map<FnInfo | null, Set<string>>();
  const nativeRefs = new Set<t.Identifier>();
  const argsRefs = new Set<t.Identifier>();
  const classPaths: NodePath<t.Class>[] = [];
  const inferred = new Map<t.Node, string>();
  const tdzRefs = new Map<t.Identifier, RefUse>();
  const blockAnchor = new Map<FnInfo, NodePath>();
  const addFree = (ctx: FnInfo | null, name: string): void => {
    let s = freeNames.get(ctx);
    if (!s) freeNames.set(ctx, (s = new Set()));
    s.add(name);
  };

  const fnOfPath = (p: NodePath | null): FnInfo | null => {
    if (!p) return null;
    const f = fns.get(p.node);
    if (!f) compilerBug(`context ${p.node.type} not registered`);
    return f;
  };

  // Pass 1: contexts, parents first (traversal order guarantees it).
  program.traverse({
    enter(p) {
      if (!isCtxNode(p.node)) return;
      const parent = fnOfPath(ctxPathOf(p));
      const info: FnInfo = {
        node: p.node,
        path: p as NodePath<CtxNode>,
        parent,
        mode: "plain",
        isArrow: t.isArrowFunctionExpression(p.node),
        usesThis: false,
        usesArgs: false,
        usesNewTarget: false,
        capThis: false,
        capArgs: false,
        capNewTarget: false,
        superInArrow: null,
        bindings: [],
        fnEnv: null,
        blockEnvs: new Map(),
        creationEnv: null,
        superIndex: -1,
        leafCtor: false,
        paramCopies: [],
      };
      fns.set(p.node, info);
      const c = classify(p as NodePath<CtxNode>, parent, errors, unsupported);
      info.mode = c.mode;
      info.superIndex = c.superIndex;
      info.leafCtor = c.leafCtor === true;
    },
  });

  const bindingInfo = (b: Binding): BindingInfo => {
    let bi = infoOf.get(b);
    if (bi) return bi;
    const sp = b.scope.path;
    const owner = isCtxNode(sp.node) ? fnOfPath(sp) : fnOfPath(ctxPathOf(sp));
    bi = {
      name: b.identifier.name,
      kind: b.kind,
      owner,
      scopeNode: sp.node,
      captured: false,
      env: null,
      native: b.kind === "local" && t.isClass(sp.node),
      fnSelf: b.kind === "local" && t.isFunctionExpression(sp.node),
      classDecl: t.isClassDeclaration(b.path.node) ? b.path.node : null,
      initializedAt: t.isVariableDeclarator(b.path.node) ? (b.path.node.loc?.end ?? null) : null,
      tdz: false,
    };
    infoOf.set(b, bi);
    owner?.bindings.push(bi);
    return bi;
  };

  // A parameter the body redeclares, seen from the body, when closures can see the
  // parameter itself (FnInfo.paramCopies). Babel models one binding (the declarations are
  // constant violations of the parameter); otherwise one binding is indistinguishable.
  const copies = new Map<Binding, BindingInfo | null>();
  const bodyCopyOf = (b: Binding, p: NodePath): BindingInfo | null => {
    if (b.kind !== "param") return null;
    let copy = copies.get(b);
    if (copy === undefined) {
      copy = null;
      const fnPath = b.scope.path;
      const fn = fns.get(fnPath.node);
      const node = fnPath.node;
      if (fn && fn.mode !== "plain" && t.isFunction(node) && !isSimpleParams(node.params) && node.params.some(containsClosure) &&
        b.constantViolations.some((v) => (v.isVariableDeclarator() && (v.parent as t.VariableDeclaration).kind === "var") || v.isFunctionDeclaration())) {
        const param = bindingInfo(b);
        copy = { ...param, kind: "var", captured: false, env: null, tdz: false };
        fn.bindings.push(copy);
        fn.paramCopies.push({ param, copy });
      }
      copies.set(b, copy);
    }
    if (!copy) return null;
    // References in the parameter list (its closures included) are the parameter's.
    const fnNode = b.scope.path.node;
    let child: NodePath = p;
    for (let a = p.parentPath; a; child = a, a = a.parentPath) if (a.node === fnNode) return child.key === "body" ? copy : null;
    return null;
  };

  // Pass 2: every variable-naming identifier, and this / arguments / new.target.
  program.traverse({
    Identifier(p) {
      names.add(p.node.name);
      const parent = p.parent;
      const key = p.key;
      if (t.isLabeledStatement(parent) || t.isBreakStatement(parent) || t.isContinueStatement(parent)) return;
      if ((t.isMemberExpression(parent) || t.isOptionalMemberExpression(parent)) && key === "property" && !parent.computed) return;
      if ((t.isObjectProperty(parent) || t.isObjectMethod(parent) || t.isClassMethod(parent) || t.isClassProperty(parent) ||
        t.isClassAccessorProperty(parent) || t.isClassPrivateMethod(parent)) && key === "key" && !parent.computed) return;
      if (t.isMetaProperty(parent) || t.isPrivateName(parent)) return;
      if (t.isImportSpecifier(parent) || t.isImportDefaultSpecifier(parent) || t.isImportNamespaceSpecifier(parent) ||
        t.isExportSpecifier(parent) || t.isExportNamespaceSpecifier(parent) || t.isExportDefaultSpecifier(parent)) return;
      if (t.isFunction(parent) && key === "id") {
        // A declaration's name belongs to the enclosing scope; an expression's own name
        // needs no binding info (the emitter names the function itself).
        if (t.isFunctionExpression(parent)) return;
        const outer = p.parentPath.scope.parent?.getBinding(p.node.name);
        if (outer) bindingOf.set(p.node, bodyCopyOf(outer, p) ?? bindingInfo(outer));
        return;
      }
      const ctx = fnOfPath(ctxPathOf(p));
      const b = catchParamBinding(p, p.scope.getBinding(p.node.name));
      if (!b) {
        // (read, or written: `arguments = v` is allowed in sloppy functions)
        if (p.node.name === "arguments" && (p.isReferencedIdentifier() || isWriteTarget(p))) {
          argsRefs.add(p.node);
          markPseudo(ctx, "args", p);
        }
        addFree(ctx, p.node.name);
        markIfNativeCall(p);
        return;
      }
      const bi = bodyCopyOf(b, p) ?? bindingInfo(b);
      bindingOf.set(p.node, bi);
      if (!bi.owner || bi.owner.mode === "plain" || bi.native) addFree(ctx, p.node.name);
      if (ctx !== bi.owner && !bi.native) {
        // The own name of a class declaration, referenced inside that class, is the
        // class's inner binding: native there, not a capture.
        if (bi.classDecl && p.findParent((a) => a.node === bi.classDecl)) {
          nativeRefs.add(p.node);
          addFree(ctx, p.node.name);
          return;
        }
        bi.captured = true;
      }
      if (!bi.owner && ctx && !b.scope.path.isProgram() && !b.scope.path.isClass()) {
        // A module-level block binding read from inside a context.
        const scope = b.scope.path;
        for (let c: FnInfo | null = ctx; c; c = c.parent) {
          const prev = blockAnchor.get(c);
          if (!prev || scope.isDescendant(prev)) blockAnchor.set(c, scope);
        }
      }
      if (bi.owner?.mode === "compiled" && p.node !== b.identifier && tdzKind(b) && !tdzSafe(p, b, bi.owner)) {
        tdzRefs.set(p.node, refUse(p));
        bi.tdz = true;
      }
    },
    Class(p) {
      classPaths.push(p);
      inferred.set(p.node, inferName(p));
    },
    Function(p) {
      inferred.set(p.node, inferName(p));
    },
    ThisExpression(p) {
      markPseudo(fnOfPath(ctxPathOf(p)), "this", p);
    },
    MetaProperty(p) {
      if (p.node.meta.name === "new" && p.node.property.name === "target") markPseudo(fnOfPath(ctxPathOf(p)), "newTarget", p);
    },
    Super(p) {
      const ctx = fnOfPath(ctxPathOf(p));
      if (ctx && ctx.isArrow) {
        let a: FnInfo | null = ctx;
        while (a && a.isArrow) a = a.parent;
        // Every arrow between the `super` and its method is marked: an arrow whose factory
        // stands in the class body (ModuleCtx.checkMovable) must be made by code there.
        if (a && a.mode !== "plain") for (let b: FnInfo | null = ctx; b && b.isArrow; b = b.parent) b.superInArrow ??= p.node;
        // Its rewrite, Reflect.get(…, this) and the call with `this`, reads the
        // method's `this` from the environment like a `this` in the arrow would.
        markPseudo(ctx, "this", p);
      }
    },
  });

  function markPseudo(ctx: FnInfo | null, which: "this" | "args" | "newTarget", _p: NodePath): void {
    let target = ctx;
    while (target && target.isArrow) target = target.parent;
    if (!target) return; // module level: `this` is undefined there
    if (target === ctx) {
      if (which === "this") target.usesThis = true;
      else if (which === "args") target.usesArgs = true;
      else target.usesNewTarget = true;
    } else {
      if (which === "this") target.capThis = true;
      else if (which === "args") target.capArgs = true;
      else target.capNewTarget = true;
    }
  }

  // Pass 3: environment records of compiled contexts, then creation envs (parents first).
  for (const f of fns.values()) if (f.mode !== "plain") planEnvs(f);
  for (const f of fns.values()) f.creationEnv = f.parent ? creationEnvOf(f) : null;
  for (const f of fns.values()) {
    if (f.fnEnv) f.fnEnv.parent = f.creationEnv;
    for (const e of f.blockEnvs.values()) e.parent = enclosingEnv(f, findPath(f, e.scopeNode), e.scopeNode);
  }

  const classEnv = new Map<t.Node, EnvInfo | null>();
  const classCtx = new Map<t.Node, FnInfo | null>();
  for (const cp of classPaths) {
    const ctx = fnOfPath(ctxPathOf(cp));
    classCtx.set(cp.node, ctx);
    if (ctx && ctx.mode !== "plain") classEnv.set(cp.node, enclosingEnv(ctx, cp, cp.node));
  }

  return { fns, bindingOf, names, freeNames, nativeRefs, argsRefs, classEnv, classCtx, inferred, tdzRefs, blockAnchor };

  function planEnvs(f: FnInfo): void {
    const fnEnv = (): EnvInfo =>
      (f.fnEnv ??= { owner: f, scopeNode: f.node, kind: "function", parent: null, members: new Map(), varName: "" });
    for (const b of f.bindings) {
      if (!b.captured || b.native) continue;
      const loopy = scopeInLoop(f, b.scopeNode);
      let env: EnvInfo;
      if (loopy) {
        let e = f.blockEnvs.get(b.scopeNode);
        if (!e) f.blockEnvs.set(b.scopeNode, (e = { owner: f, scopeNode: b.scopeNode, kind: "block", parent: null, members: new Map(), varName: "" }));
        env = e;
      } else {
        env = fnEnv();
      }
      b.env = env;
      env.members.set(b, memberName(env, b.name));
    }
    if (f.capThis) fnEnv().members.set("$this", "$this");
    if (f.capArgs) fnEnv().members.set("$args", "$args");
    if (f.capNewTarget) fnEnv().members.set("$newTarget", "$newTarget");
  }

  function memberName(env: EnvInfo, name: string): string {
    const used = new Set(env.members.values());
    let n = name === "$p" || name === "$this" || name === "$args" || name === "$newTarget" ? `${name}_` : name;
    for (let i = 1; used.has(n); i++) n = `${name}_${i}`;
    return n;
  }

  /** Is block-like `scopeNode` of f re-entered per loop iteration (or a loop head)? */
  function scopeInLoop(f: FnInfo, scopeNode: t.Node): boolean {
    if (scopeNode === f.node) return false;
    const p = findPath(f, scopeNode);
    if (LOOP_TYPES.has(scopeNode.type)) return true;
    for (let a = p.parentPath; a && a.node !== f.node; a = a.parentPath) if (LOOP_TYPES.has(a.node.type)) return true;
    return false;
  }

  function findPath(f: FnInfo, node: t.Node): NodePath {
    if (node === f.node) return f.path;
    let found: NodePath | null = null;
    f.path.traverse({
      enter(p) {
        if (p.node === node) { found = p; p.stop(); }
      },
    });
    if (!found) compilerBug(`scope node ${node.type} not found in its function`);
    return found;
  }

  /** The env active at `node` inside f, looking at scopes strictly above `node`. */
  function enclosingEnv(f: FnInfo, p: NodePath | null, _node: t.Node): EnvInfo | null {
    for (let a = p?.parentPath ?? null; a && a.node !== f.node; a = a.parentPath) {
      const e = f.blockEnvs.get(a.node);
      if (e) return e;
    }
    return f.fnEnv ?? f.creationEnv;
  }

  function creationEnvOf(f: FnInfo): EnvInfo | null {
    const parent = f.parent;
    if (!parent) return null;
    if (parent.mode === "plain") return parent.creationEnv;
    return enclosingEnv(parent, f.path, f.node);
  }
}

/** Does `node` create a function or class (which could capture the parameter scope)? */
function containsClosure(node: t.Node): boolean {
  let found = false;
  t.traverseFast(node, (n) => {
    if (t.isFunction(n) || t.isClass(n)) found = true;
  });
  return found;
}

// ---- TDZ ------------------------------------------------------------------------------

/** A binding with a temporal dead zone: let/const declarations and class declarations. */
function tdzKind(b: Binding): boolean {
  const n = b.path.node;
  if (t.isClassDeclaration(n)) return true;
  return t.isVariableDeclarator(n) && t.isVariableDeclaration(b.path.parent) && (b.path.parent.kind === "let" || b.path.parent.kind === "const");
}

function unwrapExpr(n: t.Node | null | undefined): t.Node | null | undefined {
  while (n && (t.isParenthesizedExpression(n) || t.isTSAsExpression(n) || t.isTSSatisfiesExpression(n) || t.isTSNonNullExpression(n) || t.isTSTypeAssertion(n))) n = n.expression;
  return n;
}

/**
 * Can reference `p` never run before binding `b` is initialized? Statically: the code
 * that holds it runs, or the closure that holds it is created, textually after the
 * declaration and in the same block (no jump enters a block forward, except between the
 * cases of a switch). A function declaration is created at the start of its block; a
 * closure that is the whole initializer of the declaration (or a method or value of an
 * object literal that is) is only created there, not called. Everything else checks.
 */
function tdzSafe(p: NodePath<t.Identifier>, b: Binding, owner: FnInfo): boolean {
  const decl = b.path.node;
  const declEnd = decl.end ?? Infinity;
  let outer: NodePath | null = null;
  for (let c = ctxPathOf(p); c && c.node !== owner.node; c = ctxPathOf(c)) outer = c;
  let at: NodePath = p;
  if (outer) {
    at = outer;
    if (outer.isFunctionDeclaration()) at = outer.parentPath ?? outer;
    else if (outer.parentPath?.isClassBody()) at = outer.parentPath.parentPath ?? outer;
    else if (outer.isObjectMethod() || (outer.parentPath?.isObjectProperty() && outer.key === "value")) {
      const obj = outer.isObjectMethod() ? outer.parentPath : outer.parentPath?.parentPath;
      if (obj && t.isVariableDeclarator(decl) && unwrapExpr(decl.init) === obj.node) return true;
    }
    if (t.isVariableDeclarator(decl) && !outer.isFunctionDeclaration() && unwrapExpr(decl.init) === outer.node) return true;
  }
  const pos = at.node.start ?? -1;
  if (pos < declEnd) return false;
  // for (const x of <right>): right runs before x is bound.
  const loop = b.path.parentPath?.parentPath;
  if (loop && (loop.isForOfStatement() || loop.isForInStatement()) && loop.node.left === b.path.parent) {
    const r = loop.node.right;
    if (r.start != null && r.end != null && pos >= r.start && pos < r.end) return false;
  }
  // switch cases share one scope, and a case can be entered without the ones above it.
  if (b.scope.path.isSwitchStatement()) {
    const caseOf = (q: NodePath): t.Node | null => q.findParent((a) => a.isSwitchCase())?.node ?? null;
    if (caseOf(b.path) !== caseOf(at)) return false;
  }
  return true;
}

/** How identifier `p` uses its binding. */
function refUse(p: NodePath<t.Identifier>): RefUse {
  let child: NodePath = p;
  for (let a = p.parentPath; a; child = a, a = a.parentPath) {
    if (a.isAssignmentExpression()) return child.key !== "left" ? "read" : a.node.operator === "=" ? "write" : "update";
    if (a.isUpdateExpression()) return "update";
    if ((a.isForOfStatement() || a.isForInStatement()) && child.key === "left") return "write";
    if (a.isAssignmentPattern()) {
      if (child.key === "right") return "read";
      continue;
    }
    if (a.isObjectProperty()) {
      if (child.key !== "value" || !a.parentPath?.isObjectPattern()) return "read";
      continue;
    }
    if (a.isArrayPattern() || a.isObjectPattern() || a.isRestElement()) continue;
    return "read";
  }
  return "read";
}

/** The name a function or class gets: its own, or the one NamedEvaluation infers. */
function inferName(p: NodePath<t.Function | t.Class>): string {
  const node = p.node;
  if ((t.isFunctionDeclaration(node) || t.isFunctionExpression(node) || t.isClass(node)) && node.id) return node.id.name;
  if (t.isObjectMethod(node) || t.isClassMethod(node)) return propName(node.key, node.computed);
  const parent = p.parent;
  if (t.isVariableDeclarator(parent) && parent.init === node && t.isIdentifier(parent.id)) return parent.id.name;
  // `x = f`, `x ||= f`, `x &&= f`, `x ??= f` name f; compound operators (`x += f`) do not.
  if (t.isAssignmentExpression(parent) && parent.right === node && t.isIdentifier(parent.left) && NAMING_ASSIGNMENTS.has(parent.operator)) return parent.left.name;
  if (t.isAssignmentPattern(parent) && parent.right === node && t.isIdentifier(parent.left)) return parent.left.name;
  // `{ __proto__: f }` sets the prototype (Annex B.3.1): f is not named "__proto__".
  if (t.isObjectProperty(parent) && parent.value === node && t.isObjectExpression(p.parentPath?.parent) && isProtoSetter(parent)) return "";
  if ((t.isObjectProperty(parent) || t.isClassProperty(parent)) && parent.value === node) return propName(parent.key, parent.computed);
  if (t.isClassPrivateProperty(parent) && parent.value === node) return `#${parent.key.id.name}`;
  if (t.isExportDefaultDeclaration(parent)) return "default";
  return "";
}

const NAMING_ASSIGNMENTS = new Set(["=", "||=", "&&=", "??="]);

/** `__proto__: v` in an object literal (not computed, not shorthand): a [[SetPrototypeOf]], not a property. */
function isProtoSetter(prop: t.ObjectProperty): boolean {
  if (prop.computed || prop.shorthand) return false;
  return (t.isIdentifier(prop.key) && prop.key.name === "__proto__") || (t.isStringLiteral(prop.key) && prop.key.value === "__proto__");
}

function propName(key: t.Node, computed: boolean): string {
  if (computed) return "";
  if (t.isIdentifier(key)) return key.name;
  if (t.isStringLiteral(key)) return key.value;
  if (t.isNumericLiteral(key)) return String(key.value);
  return "";
}

/**
 * Babel's getBinding skips non-parameter bindings seen from a pattern scope (right for a
 * function's parameters, which do not see its body), which hides the bindings of a
 * destructured catch parameter from the pattern itself: `found` is then undefined or a
 * binding outside the catch clause (`catch ([x])` in a function with a parameter `x`).
 * An identifier in the catch parameter (a target, a default, a computed key, or inside a
 * function there that does not declare it) means the clause's own binding.
 */
function catchParamBinding(p: NodePath<t.Identifier>, found: Binding | undefined): Binding | undefined {
  let c: NodePath = p;
  for (let a: NodePath | null = p.parentPath; a; a = a.parentPath) {
    if (!a.isCatchClause()) {
      c = a;
      continue;
    }
    if (c.key !== "param") return found;
    const own = a.scope.getOwnBinding(p.node.name);
    if (!own || (found && found.scope.path.isDescendant(a))) return found;
    return own;
  }
  return found;
}

/** An identifier written by an assignment, an update, a for-in/of head or a pattern in one. */
function isWriteTarget(p: NodePath<t.Identifier>): boolean {
  let c: NodePath = p;
  for (let q = p.parentPath; q; c = q, q = q.parentPath) {
    if (q.isAssignmentExpression() || q.isForXStatement()) return c.key === "left";
    if (q.isUpdateExpression()) return true;
    if (!(q.isArrayPattern() || q.isObjectPattern() || q.isRestElement() || q.isAssignmentPattern() || (q.isObjectProperty() && c.key === "value"))) return false;
    if (q.isAssignmentPattern() && c.key !== "left") return false;
  }
  return false;
}

/** `p` is an unresolved (global) name: marks `Math.sqrt(x)` or `parseInt(s)` around it. */
function markIfNativeCall(p: NodePath<t.Identifier>): void {
  const call = t.isCallExpression(p.parent) ? p.parent : p.parentPath?.parent;
  if (t.isCallExpression(call) && pureBuiltinRoot(call) === p.node) markNativeCall(call);
}

/**
 * The module: header (runtime import, registry, code records, hidden variables,
 * registrations), the module body (plain code, rule 11, with its functions compiled in
 * place) and the closure factories appended at the end.
 */
import { template } from "@babel/core";
import * as t from "@babel/types";
import type { Analysis, CtxNode, FnInfo } from "../analysis/scope.js";
import { entersCtx, isCtxNode } from "../analysis/scope.js";
import { codeHash, hashText, PathNamer } from "../code-id.js";
import { compilerBug, type CompileErrors } from "../errors.js";
import type { CompilerOptions } from "../options.js";
import { rewriteClassBody, type ClassHost, type StaticDef } from "./classes.js";
import { compileFunction, type FnSpec } from "./frame.js";
import { bodyParams, wrapperParts } from "./gen-wrapper.js";
import { NameGen } from "./names.js";
import { argumentsExpr, isElementCtx, newTargetExpr, refExpr, thisExpr, thisOwner } from "./refs.js";

/** A class being rewritten (see ModuleCtx.withClass). */
export interface ClassFrame {
  node: t.Class;
  /** Statements for the class's leading static block. */
  defs: t.Statement[];
  /** A hidden variable where the class stands (module or class factory). */
  declare(base: string): string;
  /** The home object of its methods: the class (static) or its prototype. */
  home(isStatic: boolean): t.Expression;
  /** Evaluated in a function: closures made by factories in its body name their class ($m.home). */
  local?: boolean;
}

export interface CodeInfo {
  name: string;
  hash: string;
  vars: string[];
  pcs: number[];
  line: number;
  column: number;
}

/**
 * Why a class evaluated in a function cannot be made again by its factory, or null:
 * static private or `accessor` fields hold state that pickling cannot read back into
 * the class.
 */
function unrestorableClass(node: t.Class, what: string): string | null {
  const hidden = node.body.body.find((m) => (t.isClassPrivateProperty(m) || t.isClassAccessorProperty(m)) && m.static);
  if (!hidden) return null;
  return `${what} has a static private or accessor field (line ${hidden.loc?.start.line ?? "?"}), which pickling cannot read: make it a public static field, or declare the class at module level`;
}

/** Shallow-clones `node` and replaces every child through `map` (no node is shared). */
export function cloneWith<T extends t.Node>(node: T, map: (child: t.Node, key: string) => t.Node): T {
  const copy = t.cloneNode(node, false) as unknown as Record<string, unknown>;
  const src = node as unknown as Record<string, unknown>;
  for (const key of t.VISITOR_KEYS[node.type] ?? []) {
    const v = src[key];
    const isNode = (c: unknown): c is t.Node => typeof c === "object" && c !== null && typeof (c as { type?: unknown }).type === "string";
    if (Array.isArray(v)) copy[key] = v.map((c: unknown) => (isNode(c) ? map(c, key) : c));
    else if (isNode(v)) copy[key] = map(v, key);
  }
  return copy as unknown as T;
}

/** Names a generator function expression cannot bind (strict mode, generator bodies). */
const RESERVED_IN_GENERATORS = new Set(["yield", "await", "let", "static", "implements", "interface", "package", "private", "protected", "public", "arguments", "eval"]);

/** `Object.defineProperty(f, "name", { value: name, configurable: true })` */
export function defineName(f: string, name: string): t.Statement {
  return t.expressionStatement(t.callExpression(t.memberExpression(t.identifier("Object"), t.identifier("defineProperty")), [
    t.identifier(f), t.stringLiteral("name"), t.objectExpression([t.objectProperty(t.identifier("value"), t.stringLiteral(name)), t.objectProperty(t.identifier("configurable"), t.booleanLiteral(true))]),
  ]));
}

export class ModuleCtx {
  readonly rtName: string;
  readonly mName: string;
  readonly oName: string;
  /**
   * The variable a factory holds its function in (`var $f = …; return $m.fn(c, $f)`).
   * One name for every factory: each factory is a function scope of its own, and a
   * function's compiled text then depends on its source only, not on how many factories
   * came before it (two `() => {}` print alike, as natively: test262's
   * computed-property-names tests use such a function's text as a key twice).
   */
  private selfVar: string | null = null;
  readonly envRefs = new WeakSet<t.Node>();
  private readonly gen: NameGen;
  private avVar: string | null = null;
  private readonly codeRecords: t.Statement[] = [];
  private readonly moduleVars: string[] = [];
  private readonly headerRegs: t.Statement[] = [];
  private readonly templateSites: t.Statement[] = [];
  private readonly factories: t.Statement[] = [];
  private readonly ids = new Map<FnInfo, string>();
  private readonly factoryOf = new Map<t.Node, string>();

  constructor(
    readonly analysis: Analysis,
    readonly opts: CompilerOptions,
    readonly errors: CompileErrors,
    readonly code: string,
    readonly moduleId: string,
    /** A script (no `import`, global scope shared with other scripts) rather than a module. */
    readonly script = false,
  ) {
    this.gen = new NameGen(analysis.names, script ? `_${hashText(moduleId).slice(0, 6)}` : "");
    this.rtName = this.gen.fresh("$rt");
    this.mName = this.gen.fresh("$m");
    this.oName = this.gen.fresh("$o");
    this.assignIds();
  }

  fresh(base: string): string {
    return this.gen.fresh(base);
  }

  /** Names of closure factories (`$mk0`, …): calling one only creates a function. */
  readonly factoryNames = new Set<string>();

  /** `$mkN(…)` with inert arguments: creates a closure, runs no user code. */
  isFactoryCall(e: t.Node): boolean {
    return t.isCallExpression(e) && t.isIdentifier(e.callee) && this.factoryNames.has(e.callee.name);
  }

  /** A hidden module-level variable (declared with `var` in the header). */
  moduleVar(base: string): string {
    const n = this.gen.fresh(base);
    this.moduleVars.push(n);
    return n;
  }

  private readonly builtins = new Map<string, string>();

  /** `Function.prototype.call` / `.apply`, or `Reflect.apply` ("reflect"), as first loaded (see exCall). */
  builtinName(method: "call" | "apply" | "reflect"): string {
    let n = this.builtins.get(method);
    if (!n) this.builtins.set(method, (n = this.gen.fresh(method === "call" ? "$FCall" : method === "apply" ? "$FApply" : "$RApply")));
    return n;
  }

  private envKeyVar: string | null = null;

  /**
   * `fn[$ENV] = $o` in a closure's factory: the closure's environment, under the
   * runtime's symbol `rt.ENV` (runtime/keys.ts), aliased once per module by a header
   * constant. A symbol, so string-keyed reflection does not see it; a plain store, as
   * cheap as a named one (no defineProperty per closure).
   */
  setEnv(fn: string): t.Statement {
    if (this.envKeyVar === null) this.envKeyVar = this.gen.fresh("$ENV");
    return t.expressionStatement(t.assignmentExpression("=", t.memberExpression(t.identifier(fn), t.identifier(this.envKeyVar), true), t.identifier(this.oName)));
  }

  private asyncProtoVar: string | null = null;

  /**
   * `Object.setPrototypeOf(fn, $AsyncFunctionPrototype)`: a compiled async function is
   * a synchronous function (its awaits block the tasklet), given AsyncFunction.prototype
   * so that `f.constructor`, `instanceof` and `Object.prototype.toString` are native's.
   */
  asyncProto(fn: t.Expression): t.Statement {
    return t.expressionStatement(this.asyncProtoExpr(fn));
  }

  asyncProtoExpr(fn: t.Expression): t.Expression {
    const v = (this.asyncProtoVar ??= this.gen.fresh("$AsyncFunctionPrototype"));
    return t.callExpression(t.memberExpression(t.identifier("Object"), t.identifier("setPrototypeOf")), [fn, t.identifier(v)]);
  }

  /**
   * The template object of a tagged template's site, as a module-level constant made in
   * the header by an identity tag over the same strings, and registered as a module
   * binding: a site's template object is one per source location (the same object at
   * every evaluation, as natively), and a frame holding it pickles it by reference. A
   * copy would lose `raw` and its identity with later evaluations of the site.
   */
  templateSite(quasi: t.TemplateLiteral): string {
    const name = this.gen.fresh("$T");
    const literal = t.templateLiteral(quasi.quasis.map((q) => t.cloneNode(q)), quasi.expressions.map(() => t.numericLiteral(0)));
    const identity = t.arrowFunctionExpression([t.identifier("s")], t.identifier("s"));
    this.templateSites.push(t.variableDeclaration(this.constKind, [t.variableDeclarator(t.identifier(name), t.taggedTemplateExpression(identity, literal))]));
    this.templateSites.push(t.expressionStatement(t.callExpression(this.m("binding"), [t.stringLiteral(name), t.identifier(name)])));
    return name;
  }

  /** `Array.prototype[Symbol.iterator]` as first loaded: for-of's array fast path. */
  avName(): string {
    return (this.avVar ??= this.gen.fresh("$AV"));
  }

  isEnvRef(e: t.Node): boolean {
    return this.envRefs.has(e);
  }

  // ---- code ids and records ------------------------------------------------------------

  private assignIds(): void {
    const namer = new PathNamer();
    const paths = new Map<FnInfo, string>();
    for (const info of this.analysis.fns.values()) {
      const parentPath = info.parent ? (paths.get(info.parent) ?? "") : "";
      const path = namer.child(parentPath, this.ownPathName(info));
      paths.set(info, path);
      this.ids.set(info, `${this.moduleId}#${path}`);
    }
  }

  private ownPathName(info: FnInfo): string | null {
    const n = info.node;
    if (t.isClassMethod(n) || t.isClassPrivateMethod(n) || t.isClassProperty(n) || t.isClassPrivateProperty(n) || t.isClassAccessorProperty(n) || t.isStaticBlock(n)) {
      const cls = info.path.parentPath?.parentPath?.node;
      const cname = (cls && this.analysis.inferred.get(cls)) || "<class>";
      let member = "static";
      if (!t.isStaticBlock(n)) {
        const k = n.key;
        member = "computed" in n && n.computed ? "[computed]" : t.isIdentifier(k) ? k.name : t.isPrivateName(k) ? `#${k.id.name}` : t.isStringLiteral(k) ? k.value : t.isNumericLiteral(k) ? String(k.value) : "?";
        if ((t.isClassMethod(n) || t.isClassPrivateMethod(n)) && (n.kind === "get" || n.kind === "set")) member = `${n.kind} ${member}`;
        if (n.static) member = `static ${member}`;
      }
      return `${cname}>${member}`;
    }
    const name = this.analysis.inferred.get(n) ?? "";
    if (t.isObjectMethod(n) && (n.kind === "get" || n.kind === "set")) return `${n.kind} ${name}`;
    return name === "" ? null : name;
  }

  idOf(fn: FnInfo): string {
    const id = this.ids.get(fn);
    if (id === undefined) compilerBug("function without id");
    return id;
  }

  addCode(fn: FnInfo, info: CodeInfo, id = this.idOf(fn)): string {
    const v = this.gen.numbered("$c");
    const obj = t.objectExpression([
      t.objectProperty(t.identifier("id"), t.stringLiteral(id)),
      t.objectProperty(t.identifier("name"), t.stringLiteral(info.name)),
      t.objectProperty(t.identifier("hash"), t.stringLiteral(info.hash)),
      t.objectProperty(t.identifier("vars"), t.arrayExpression(info.vars.map((s) => t.stringLiteral(s)))),
      t.objectProperty(t.identifier("pcs"), t.arrayExpression(info.pcs.map((n) => t.numericLiteral(n)))),
      t.objectProperty(t.identifier("line"), t.numericLiteral(info.line)),
      t.objectProperty(t.identifier("column"), t.numericLiteral(info.column)),
    ]);
    this.codeRecords.push(t.variableDeclaration(this.constKind, [t.variableDeclarator(t.identifier(v), t.callExpression(this.m("code"), [obj]))]));
    return v;
  }

  m(method: string): t.MemberExpression {
    return t.memberExpression(t.identifier(this.mName), t.identifier(method));
  }

  /** `$rt.<prop>`: the runtime's protocol object (runtime/protocol.ts rt). */
  rt(prop: string): t.MemberExpression {
    return t.memberExpression(t.identifier(this.rtName), t.identifier(prop));
  }

  // ---- closures ------------------------------------------------------------------------------

  private displayName(info: FnInfo): string {
    return this.analysis.inferred.get(info.node) || "<anonymous>";
  }

  /** Can `name` be the function's own (self) name without capturing anything? */
  private usableSelfName(info: FnInfo, name: string): boolean {
    if (!name || !t.isValidIdentifier(name) || name === "arguments" || name === "eval") return false;
    return !this.analysis.freeNames.get(info)?.has(name);
  }

  private returnModeOf(info: FnInfo): FnSpec["returnMode"] {
    const n = info.node;
    return (t.isFunctionDeclaration(n) || t.isFunctionExpression(n)) && !n.async && !n.generator && info.usesThis ? "newTarget" : "plain";
  }

  /**
   * Classes being rewritten, innermost last. A closure that uses private names of an
   * enclosing class cannot live at module level: its factory is assigned in that class's
   * leading static block instead, inside the class body where `#x` resolves.
   */
  private readonly classStack: ClassFrame[] = [];

  withClass<T>(frame: ClassFrame, body: () => T): T {
    this.classStack.push(frame);
    try {
      return body();
    } finally {
      this.classStack.pop();
    }
  }

  /** Where closure `info`'s factory must live: null = module level. */
  private checkMovable(info: FnInfo): ClassFrame | null {
    const node = info.node;
    let superFrame: ClassFrame | null = null;
    if (info.superInArrow) {
      superFrame = info.mode === "compiled" ? this.homeFrame(info) : null;
      if (!superFrame && !(info.mode === "compiled" && this.homeObjectVar(info))) throw this.errors.error(info.superInArrow, "`super` inside an arrow function here (an object literal method, or a plain async arrow) is not supported in tasklet code; read `super.x` into a variable in the method first");
    }
    const foreign = foreignPrivateName(node);
    const inClass = superFrame ?? (foreign || this.enclosingClassName(node) ? (this.classStack[this.classStack.length - 1] ?? null) : null);
    if (foreign && !inClass) throw this.errors.error(foreign, `private name #${foreign.id.name} used outside a class body`);
    if (t.isObjectMethod(node)) {
      let sup: t.Node | null = null;
      // (a generator's wrapper keeps the parameters, in the throwaway literal too)
      for (const part of [...node.params, node.body] as t.Node[]) {
        t.traverseFast(part, (n) => {
          if (t.isSuper(n)) sup ??= n;
        });
      }
      if (sup) throw this.errors.error(sup, "`super` in an object literal method inside a function is not supported in tasklet code");
    }
    return inClass;
  }

  /**
   * A reference inside `node` to the own name of a class around it (a class
   * declaration's inner binding, or a class expression's name), or null. Those names
   * stay native (analysis nativeRefs, BindingInfo.native): they only resolve inside the
   * class body, so a closure or class reading one gets its factory there, in the
   * innermost class being rewritten (which the named class encloses), as for private
   * names.
   */
  private enclosingClassName(node: t.Node): t.Identifier | null {
    const a = this.analysis;
    const inner = new Set<t.Node>();
    const refs: t.Identifier[] = [];
    t.traverseFast(node, (n) => {
      if (t.isClass(n)) inner.add(n);
      else if (t.isIdentifier(n)) refs.push(n);
    });
    for (const r of refs) {
      const bi = a.bindingOf.get(r);
      if (!bi) continue;
      const cls = a.nativeRefs.has(r) ? bi.classDecl : bi.native ? bi.scopeNode : null;
      if (cls && !inner.has(cls)) return r;
    }
    return null;
  }

  /** The class being rewritten whose method (or constructor) gives arrow `info` its `super`. */
  private homeFrame(info: FnInfo): ClassFrame | null {
    const owner = thisOwner(info);
    if (!owner || !(t.isClassMethod(owner.node) || t.isClassPrivateMethod(owner.node) || isElementCtx(owner.node))) return null;
    const cls = owner.path.parentPath?.parentPath?.node;
    return this.classStack.find((f) => f.node === cls) ?? null;
  }

  /**
   * Module-level object literals with compiled methods, and the hidden variable each is
   * stored in when evaluated (emit/program.ts moduleObject): the home object of an arrow
   * inside one of their methods. (A literal evaluated again, in a module-level loop,
   * re-points the variable: arrows made by an earlier object then see the newer home.)
   */
  readonly objectHomes = new Map<t.ObjectExpression, string>();

  private homeObjectVar(info: FnInfo): string | null {
    const owner = thisOwner(info);
    if (!owner || !t.isObjectMethod(owner.node)) return null;
    const obj = owner.path.parentPath?.node;
    return t.isObjectExpression(obj) ? (this.objectHomes.get(obj) ?? null) : null;
  }

  /** `Object.getPrototypeOf(home)`: what `super` means in compiled arrow, field initializer or static block `info`. */
  superBase(info: FnInfo): t.Expression {
    const frame = this.homeFrame(info);
    const owner = thisOwner(info);
    const objVar = frame ? null : this.homeObjectVar(info);
    if (objVar) return t.callExpression(t.memberExpression(t.identifier("Object"), t.identifier("getPrototypeOf")), [t.identifier(objVar)]);
    if (!frame || !owner) return compilerBug("super in an arrow without a home class");
    const n = owner.node;
    const isStatic = t.isStaticBlock(n) || ((t.isClassMethod(n) || t.isClassPrivateMethod(n) || t.isClassProperty(n) || t.isClassPrivateProperty(n)) && n.static);
    return t.callExpression(t.memberExpression(t.identifier("Object"), t.identifier("getPrototypeOf")), [frame.home(isStatic)]);
  }

  /**
   * The factory of field initializer or static block `info` (compiled as a function of
   * no parameters whose body is the block, or `return <initializer>`), assigned in the
   * leading static block of its class `frame`, where private names and the class
   * reference of `super` resolve. Returns the factory's name.
   */
  elementFactory(info: FnInfo, frame: ClassFrame, name: string): string {
    const node = info.node;
    if (!isElementCtx(node)) return compilerBug("elementFactory of a function");
    if (frame.node !== info.path.parentPath?.parentPath?.node) compilerBug("element compiled outside its class frame");
    const mk = frame.declare("$mk");
    const self = this.factorySelf();
    const c = compileFunction(this, {
      fn: info,
      selfName: self,
      name,
      params: [],
      body: t.isStaticBlock(node) ? node.body : (node.value as t.Expression),
      source: node,
      returnMode: "plain",
    });
    const fnExpr = t.functionExpression(null, c.params, c.body);
    fnExpr.loc = node.loc ?? null;
    const body: t.Statement[] = [
      t.variableDeclaration("var", [t.variableDeclarator(t.identifier(self), t.sequenceExpression([t.numericLiteral(0), fnExpr]))]),
      this.setEnv(self),
      t.returnStatement(t.callExpression(this.m("fn"), [t.identifier(c.codeVar), t.identifier(self)])),
    ];
    frame.defs.push(t.expressionStatement(t.assignmentExpression("=", t.identifier(mk), t.functionExpression(null, [t.identifier(this.oName)], t.blockStatement(body)))));
    frame.defs.push(t.expressionStatement(t.callExpression(this.m("closure"), [t.identifier(c.codeVar), t.identifier(mk)])));
    return mk;
  }

  /**
   * `$m.home(fn, $cls)`: closure `fn`, made by a factory in the body of a class evaluated
   * in a function, was made by this evaluation of it (runtime/local-classes.ts): it
   * pickles with the class and comes back from the copy's factory.
   */
  private homeOf(fn: string, frame: ClassFrame): t.Statement {
    return t.expressionStatement(t.callExpression(this.m("home"), [t.identifier(fn), frame.home(true)]));
  }

  private factorySelf(): string {
    return (this.selfVar ??= this.gen.fresh("$f"));
  }

  /** The module-level factory `function $mkN($o) { … }` that creates closure `info`. */
  functionFactory(info: FnInfo): string {
    const existing = this.factoryOf.get(info.node);
    if (existing) return existing;
    const inClass = this.checkMovable(info);
    const node = info.node as t.Function;
    const mk = inClass ? inClass.declare("$mk") : this.gen.numbered("$mk");
    this.factoryNames.add(mk);
    this.factoryOf.set(node, mk);
    const body: t.Statement[] = [];
    let reg: t.Statement | null = null;
    if (info.mode === "plain") {
      body.push(t.returnStatement(this.plainFunctionExpr(node, info)));
    } else if (node.generator) {
      reg = this.generatorFactoryBody(info, mk, body, inClass);
    } else {
      const name = this.analysis.inferred.get(node) ?? "";
      // An object literal method with a static key is made as a method (of a throwaway
      // literal): not constructible, no `prototype`, named by its key ("get x" for an
      // accessor), as natively. Its self is the factory variable (a method's name is no
      // binding inside it).
      // A computed key is unknown here: the method is made under the key "" and named
      // where its literal stands (emit/expressions.ts exObject, nameFn).
      const k = t.isObjectMethod(node) ? (node.computed ? t.stringLiteral("") : node.key) : null;
      const method = k && (t.isIdentifier(k) || t.isStringLiteral(k) || t.isNumericLiteral(k)) ? (node as t.ObjectMethod) : null;
      const usable = !method && this.usableSelfName(info, name);
      const self = usable ? name : this.factorySelf();
      const c = compileFunction(this, {
        fn: info,
        selfName: self,
        name: this.displayName(info),
        params: node.params,
        body: t.isBlockStatement(node.body) ? node.body.body : node.body,
        source: node,
        returnMode: this.returnModeOf(info),
      });
      // An arrow stays an arrow (not constructible, no `prototype`); its self is the
      // factory variable holding it, named like it so that it gets its name.
      const arrow = info.isArrow;
      // An async function (not an arrow) is not a constructor and has no `prototype`:
      // it becomes the method of an object literal, `({ f(…) {…} }).f`, which is neither
      // either (and is sloppy in sloppy code, as the function was); its name is the key,
      // and its self the factory variable holding it, as an arrow's.
      const asMethod = node.async && !arrow && !method;
      let fnExpr: t.Expression;
      if (method) {
        const key = k as t.Identifier | t.StringLiteral | t.NumericLiteral;
        const keyStr = t.stringLiteral(t.isIdentifier(key) ? key.name : String(key.value));
        const fnNode = t.objectMethod(method.kind, t.cloneNode(key), c.params, c.body);
        fnNode.loc = node.loc ?? null;
        const lit = t.objectExpression([fnNode]);
        fnExpr = method.kind === "method"
          ? t.memberExpression(lit, keyStr, true)
          : t.memberExpression(t.callExpression(t.memberExpression(t.identifier("Object"), t.identifier("getOwnPropertyDescriptor")), [lit, t.cloneNode(keyStr)]), t.identifier(method.kind));
      } else if (arrow) {
        fnExpr = t.arrowFunctionExpression(c.params, c.body);
      } else if (asMethod) {
        const am = t.objectMethod("method", t.stringLiteral(name), c.params, c.body);
        am.loc = node.loc ?? null;
        fnExpr = t.memberExpression(t.objectExpression([am]), t.stringLiteral(name), true);
      } else {
        fnExpr = t.functionExpression(usable ? t.identifier(name) : null, c.params, c.body);
      }
      fnExpr.loc = node.loc ?? null;
      const holder = usable && !arrow && !asMethod && !method ? this.factorySelf() : self;
      // `(0, function () {})` keeps an anonymous function anonymous (no name inference).
      body.push(t.variableDeclaration("var", [t.variableDeclarator(t.identifier(holder), usable || asMethod || method ? fnExpr : t.sequenceExpression([t.numericLiteral(0), fnExpr]))]));
      if (node.async) body.push(this.asyncProto(t.identifier(holder)));
      if (!usable && !asMethod && !method && name !== "") {
        body.push(defineName(holder, name));
      }
      body.push(this.setEnv(holder));
      if (inClass?.local) body.push(this.homeOf(holder, inClass));
      body.push(t.returnStatement(t.callExpression(this.m("fn"), [t.identifier(c.codeVar), t.identifier(holder)])));
      reg = t.expressionStatement(t.callExpression(this.m("closure"), [t.identifier(c.codeVar), t.identifier(mk)]));
    }
    if (inClass) {
      inClass.defs.push(t.expressionStatement(t.assignmentExpression("=", t.identifier(mk), t.functionExpression(null, [t.identifier(this.oName)], t.blockStatement(body)))));
      if (reg) inClass.defs.push(reg);
    } else {
      this.placeFactory(info, mk, [t.identifier(this.oName)], body, reg);
    }
    return mk;
  }

  /**
   * A generator's source body compiled as the ordinary function `selfName` that its
   * native wrapper drives (protocol "Generators"): module-level declarations and
   * factories both build it here.
   */
  generatorBody(info: FnInfo, selfName: string, name: string, wrapperName: string | null, reserved: string[] = []): { bodyFn: t.FunctionExpression; codeVar: string } {
    const node = info.node as t.FunctionDeclaration | t.FunctionExpression | t.ObjectMethod | t.ClassMethod | t.ClassPrivateMethod;
    const c = compileFunction(this, { fn: info, selfName, name, params: bodyParams(this, info), body: node.body.body, source: node, returnMode: "plain", wrapperName, reserved });
    const bodyFn = t.functionExpression(t.identifier(selfName), c.params, c.body);
    bodyFn.loc = node.loc ?? null;
    return { bodyFn, codeVar: c.codeVar };
  }

  /**
   * The factory of a compiled generator (protocol "Generators"): builds the compiled body
   * around the environment and the native wrapper that drives it, links them and returns
   * the wrapper (what the source's expression or declaration evaluates to).
   *   var $gb = function $gb(a) { …compiled… };
   *   var $w = function* g(a) { return yield* $rt.gen($gb, this, arguments); };
   *   $gb[$ENV] = $o; $m.fn($c, $gb); return $m.gen($w, $gb);
   */
  private generatorFactoryBody(info: FnInfo, mk: string, body: t.Statement[], inClass: ClassFrame | null): t.Statement {
    const node = info.node as t.FunctionDeclaration | t.FunctionExpression | t.ObjectMethod;
    const name = this.analysis.inferred.get(node) ?? "";
    const b = this.gen.fresh("$gb");
    const w = this.gen.fresh("$gw");
    // A method has no binding of its own name: its body cannot refer to the wrapper.
    const { bodyFn, codeVar } = this.generatorBody(info, b, this.displayName(info), t.isObjectMethod(node) ? null : w);
    body.push(t.variableDeclaration("var", [t.variableDeclarator(t.identifier(b), bodyFn)]));
    const wrapper = this.generatorWrapper(info, name, b);
    body.push(t.variableDeclaration("var", [t.variableDeclarator(t.identifier(w), wrapper.expr)]));
    if (wrapper.rename) body.push(defineName(w, name));
    body.push(this.setEnv(b));
    if (inClass?.local) body.push(this.homeOf(b, inClass));
    body.push(t.expressionStatement(t.callExpression(this.m("fn"), [t.identifier(codeVar), t.identifier(b)])));
    body.push(t.returnStatement(t.callExpression(this.m("gen"), [t.identifier(w), t.identifier(b)])));
    return t.expressionStatement(t.callExpression(this.m("closure"), [t.identifier(codeVar), t.identifier(mk)]));
  }

  /**
   * `function* name(params) { return yield* $rt.gen(body, this, arguments); }` (or an
   * `async function*` performing its body's requests): the generator function the source
   * made, native, with the source's parameters
   * (emit/gen-wrapper.ts) so its `length` and parameter semantics are the source's.
   * `rename`: the name is not a usable binding name, so the expression is anonymous and
   * its name is defined after. An object literal method (inside a function: its factory)
   * is made as a method of a throwaway literal, `({ *m(…) {…} }).m`: a method has its own
   * `prototype` too but no binding of its name, and its name is the key's (a computed
   * key's is set where the key is known, ModuleCtx.nameFn).
   */
  generatorWrapper(info: FnInfo, name: string, body: string): { expr: t.Expression; rename: boolean } {
    const node = info.node as t.FunctionDeclaration | t.FunctionExpression | t.ObjectMethod;
    const { params, block } = wrapperParts(this, info, body);
    if (t.isObjectMethod(node)) {
      const k = node.computed ? t.identifier("m") : t.cloneNode(node.key as t.Identifier | t.StringLiteral | t.NumericLiteral);
      const keyStr = t.isIdentifier(k) ? t.stringLiteral(k.name) : t.stringLiteral(String((k as t.StringLiteral | t.NumericLiteral).value));
      const m = t.objectMethod("method", k, params, block, false, true, node.async);
      m.loc = node.loc ?? null;
      return { expr: t.memberExpression(t.objectExpression([m]), keyStr, true), rename: false };
    }
    const usable = name !== "" && t.isValidIdentifier(name) && !RESERVED_IN_GENERATORS.has(name);
    const fn = t.functionExpression(usable ? t.identifier(name) : null, params, block, true, node.async);
    fn.loc = node.loc ?? null;
    return { expr: usable ? fn : t.sequenceExpression([t.numericLiteral(0), fn]), rename: !usable && name !== "" };
  }

  /**
   * A closure is strict when the code around it is (or it says so itself); its factory
   * stands at the top level, which in a sloppy script is sloppy, so the factory carries
   * the "use strict" the closure inherited (a function with non-simple parameters, as
   * compiled ones may have, cannot carry it itself). Modules are strict throughout.
   */
  private factoryDirectives(ctx: FnInfo): t.Directive[] {
    if (!this.script) return [];
    const node = ctx.node;
    const own = t.isFunction(node) && t.isBlockStatement(node.body) && node.body.directives.some((d) => d.value.value === "use strict");
    return own || ctx.path.isInStrictMode() ? [t.directive(t.directiveLiteral("use strict"))] : [];
  }

  /** Statements to put at the start of module-level block scopes (see placeFactory). */
  readonly blockInserts = new Map<t.Node, t.Statement[]>();

  /**
   * A factory stands at module level, unless the code it builds reads block-scoped
   * bindings of the module body (analysis `blockAnchor`): then it is assigned at the
   * start of that block (a module-level `var`), where those bindings are in scope, and
   * registered there; in a loop that is once per iteration, as the bindings are.
   */
  private placeFactory(ctx: FnInfo, mk: string, params: t.Identifier[], body: t.Statement[], reg: t.Statement | null): void {
    const anchor = this.analysis.blockAnchor.get(ctx);
    const directives = this.factoryDirectives(ctx);
    if (anchor === undefined) {
      this.factories.push(t.functionDeclaration(t.identifier(mk), params, t.blockStatement(body, directives)));
      if (reg) this.headerRegs.push(reg);
      return;
    }
    this.moduleVars.push(mk);
    let list = this.blockInserts.get(anchor.node);
    if (!list) this.blockInserts.set(anchor.node, (list = []));
    list.push(t.expressionStatement(t.assignmentExpression("=", t.identifier(mk), t.functionExpression(null, params, t.blockStatement(body, directives)))));
    if (reg) list.push(reg);
  }

  /** A plain (uncompiled) function moved into a factory, as an expression. */
  private plainFunctionExpr(node: t.Function, info: FnInfo): t.Expression {
    if (t.isArrowFunctionExpression(node) || t.isFunctionExpression(node)) return this.mapPlain(node, info.parent);
    const params = node.params.map((p) => this.mapPlain(p, info));
    const body = this.mapPlain(node.body, info);
    const name = t.isFunctionDeclaration(node) && node.id ? t.identifier(node.id.name) : null;
    return t.functionExpression(name, params as t.FunctionExpression["params"], body, node.generator, node.async);
  }

  /**
   * The factory `function $mkN($o, $sup, $k0, …) { …; return class … }` of a class in
   * compiled code. With static elements to run after the class body (`statics`), it
   * returns `[class, $init0, …]`, their compiled functions in order.
   */
  classFactory(node: t.Class, ctx: FnInfo, name: string): { mk: string; statics: StaticDef[] } {
    const statics: StaticDef[] = [];
    // A class that uses private names of an enclosing class (`o.#x` in its methods or
    // field initializers) gets its factory in that class's leading static block, as
    // closures do (checkMovable): only inside that class body does `#x` resolve.
    const foreign = foreignPrivateName(node);
    const inClass = foreign || this.enclosingClassName(node) ? (this.classStack[this.classStack.length - 1] ?? null) : null;
    if (foreign && !inClass) throw this.errors.error(foreign, `private name #${foreign.id.name} used outside a class body`);
    const mk = inClass ? inClass.declare("$mk") : this.gen.numbered("$mk");
    this.factoryNames.add(mk);
    const locals: string[] = [];
    const keyParams: string[] = [];
    // The emitter always passes the superclass operand (null when there is none).
    const sup = this.gen.fresh("$sup");
    const host: ClassHost = {
      mod: this,
      selfVar: (base) => {
        const n = this.gen.fresh(base);
        locals.push(n);
        return n;
      },
      key: (_m, _k, i) => {
        const n = (keyParams[i] ??= this.gen.fresh("$k"));
        return t.identifier(n);
      },
      keyRef: (i) => t.identifier(keyParams[i] as string),
      plain: (n, c) => this.mapPlain(n, c),
      reserved: [],
      statics,
    };
    const codeVar = this.classCode(node, ctx, name || "<class>");
    // `$m.cls($cK, this, $o, [$sup, $k0, …], [hidden variables], why?)`: the factory's
    // arguments (the computed keys' values are property keys already) and every hidden
    // variable of this evaluation (runtime/local-classes.ts sorts them), both known once
    // the body is rewritten.
    const args = t.arrayExpression([]);
    const hidden = t.arrayExpression([]);
    const what = `class ${name || "<class>"} (${this.moduleId}:${node.loc?.start.line ?? "?"})`;
    // A factory in the body of another class evaluated in a function belongs to one evaluation of that class.
    const why = inClass?.local ? `${what} is made by a factory inside the body of another class evaluated in a function (it uses that class's own name or private names), which cannot be made again: declare the outer class at module level` : unrestorableClass(node, what);
    host.local = t.expressionStatement(t.callExpression(this.m("cls"), [t.identifier(codeVar), t.thisExpression(), t.identifier(this.oName), args, hidden, ...(why ? [t.stringLiteral(why)] : [])]));
    const body = rewriteClassBody(host, node, name || "<class>", ctx);
    args.elements.push(...[sup, ...keyParams].map((p) => t.identifier(p)));
    hidden.elements.push(...locals.map((l) => t.identifier(l)));
    const cls = t.classExpression(node.id ? t.identifier(node.id.name) : null, node.superClass ? t.identifier(sup) : null, body);
    cls.loc = node.loc ?? null;
    // `({ C: class {} }).C` gives an anonymous class its inferred name.
    const value: t.Expression = !node.id && name
      ? t.memberExpression(t.objectExpression([t.objectProperty(t.stringLiteral(name), cls)]), t.stringLiteral(name), true)
      : cls;
    const stmts: t.Statement[] = [];
    if (locals.length) stmts.push(t.variableDeclaration("var", locals.map((l) => t.variableDeclarator(t.identifier(l)))));
    const fns = statics.flatMap((d) => (d.initVar ? [t.identifier(d.initVar)] : []));
    stmts.push(t.returnStatement(statics.length ? t.arrayExpression([value, ...fns]) : value));
    const params = [this.oName, sup, ...keyParams].map((p) => t.identifier(p));
    // Unpickling a class evaluated in a function calls it (runtime/pickle/classes.ts).
    const reg = t.expressionStatement(t.callExpression(this.m("classFactory"), [t.identifier(codeVar), t.identifier(mk)]));
    if (inClass) inClass.defs.push(t.expressionStatement(t.assignmentExpression("=", t.identifier(mk), t.functionExpression(null, params, t.blockStatement(stmts)))), reg);
    else this.placeFactory(ctx, mk, params, stmts, reg);
    return { mk, statics };
  }

  /** Names the code records of classes evaluated in functions, as function ids are named. */
  private readonly classNamer = new PathNamer();

  /**
   * The code record of a class evaluated in function `ctx`: id `<ctx's id>>class <name>`
   * ("~2", "~3" for a second class of that name there), the hash of the class's text
   * (CodeChangedError when a snapshot's class changed), no slots and no pcs (a class has no
   * frames: its methods have code records of their own).
   */
  private classCode(node: t.Class, ctx: FnInfo, name: string): string {
    const id = this.classNamer.child(this.idOf(ctx), `class ${name}`);
    const text = node.start != null && node.end != null ? this.code.slice(node.start, node.end) : "";
    const loc = node.loc?.start;
    return this.addCode(ctx, { name, hash: codeHash(text), vars: [], pcs: [], line: loc?.line ?? 0, column: loc?.column ?? 0 }, id);
  }

  // ---- plain code --------------------------------------------------------------------------

  /** A copy of plain code inside compiled code: references to compiled bindings rewritten. */
  mapPlain<T extends t.Node>(node: T, ctx: FnInfo | null): T {
    const a = this.analysis;
    if (t.isIdentifier(node)) {
      let r: t.Expression;
      if (a.argsRefs.has(node)) r = argumentsExpr(this, ctx, null);
      else if (a.bindingOf.has(node) || a.nativeRefs.has(node)) r = refExpr(this, ctx, null, node);
      else r = t.cloneNode(node);
      // Reads in the dead zone check; writes from plain code do not (docs/unsupported.md).
      if (a.tdzRefs.get(node) === "read") r = this.tdzRead(r, node.name);
      r.loc = node.loc ?? null;
      return r as unknown as T;
    }
    if (t.isThisExpression(node)) return thisExpr(this, ctx, null) as unknown as T;
    if (t.isMetaProperty(node) && node.meta.name === "new") return newTargetExpr(this, ctx, null) as unknown as T;
    if (t.isObjectProperty(node) && node.shorthand) {
      const v = this.mapPlain(node.value, ctx);
      const same = t.isIdentifier(v) && t.isIdentifier(node.key) && v.name === node.key.name;
      // `{ __proto__ }` defines a property; `{ __proto__: v }` would set the prototype.
      if (!same && t.isIdentifier(node.key, { name: "__proto__" })) return t.objectProperty(t.stringLiteral("__proto__"), v, true) as unknown as T;
      return t.objectProperty(t.cloneNode(node.key), v, false, same) as unknown as T;
    }
    const inner = isCtxNode(node) ? (a.fns.get(node) ?? ctx) : ctx;
    return cloneWith(node, (c, key) => this.mapPlain(c, inner !== ctx && entersCtx(node, key) ? inner : ctx));
  }

  // ---- pieces for emit/program.ts -------------------------------------------------------

  private tdzFn: string | null = null;

  /**
   * `x === $rt.NOBODY ? $tdz("x") : x`: a read of a let/const/class binding that may run
   * in its temporal dead zone (analysis: tdzRefs); `$rt.NOBODY` marks "not initialized".
   */
  tdzRead(value: t.Expression, name: string): t.Expression {
    return t.conditionalExpression(
      t.binaryExpression("===", value, this.rt("NOBODY")),
      this.tdzThrow(name),
      t.cloneNode(value, true),
    );
  }

  /** `if (x === $rt.NOBODY) $tdz("x");` before a write in the dead zone. */
  tdzCheck(value: t.Expression, name: string): t.Statement {
    return t.ifStatement(t.binaryExpression("===", value, this.rt("NOBODY")), t.expressionStatement(this.tdzThrow(name)));
  }

  private badReturnFn: string | null = null;

  /** `$badReturn()`: the TypeError of a derived constructor returning neither an object nor undefined. */
  badDerivedReturn(): t.Expression {
    if (this.badReturnFn === null) {
      const f = (this.badReturnFn = this.gen.fresh("$badReturn"));
      this.factories.push(template.statement.ast(`function ${f}() { throw new TypeError("Derived constructors may only return object or undefined"); }`) as t.Statement);
    }
    return t.callExpression(t.identifier(this.badReturnFn), []);
  }

  tdzThrow(name: string): t.Expression {
    if (this.tdzFn === null) {
      const f = (this.tdzFn = this.gen.fresh("$tdz"));
      const msg = t.binaryExpression("+", t.binaryExpression("+", t.stringLiteral("Cannot access '"), t.identifier("n")), t.stringLiteral("' before initialization"));
      this.factories.push(t.functionDeclaration(t.identifier(f), [t.identifier("n")], t.blockStatement([t.throwStatement(t.newExpression(t.identifier("ReferenceError"), [msg]))])));
    }
    return t.callExpression(t.identifier(this.tdzFn), [t.stringLiteral(name)]);
  }

  private defineFieldName: string | null = null;

  /**
   * `$defineField(o, k, v)`: a public field definition (CreateDataPropertyOrThrow) done by
   * a split constructor's init method (emit/classes.ts movedFields).
   */
  defineFieldFn(): string {
    if (this.defineFieldName === null) {
      const f = (this.defineFieldName = this.gen.fresh("$defineField"));
      const [o, k, v] = ["o", "k", "v"].map((n) => t.identifier(n)) as [t.Identifier, t.Identifier, t.Identifier];
      const desc = t.objectExpression([
        t.objectProperty(t.identifier("value"), t.cloneNode(v)),
        t.objectProperty(t.identifier("writable"), t.booleanLiteral(true)),
        t.objectProperty(t.identifier("enumerable"), t.booleanLiteral(true)),
        t.objectProperty(t.identifier("configurable"), t.booleanLiteral(true)),
      ]);
      this.factories.push(t.functionDeclaration(t.identifier(f), [o, k, v], t.blockStatement([
        t.expressionStatement(t.callExpression(t.memberExpression(t.identifier("Object"), t.identifier("defineProperty")), [t.cloneNode(o), t.cloneNode(k), desc])),
      ])));
      // Read into a temporary before the initializer runs, so it can be in a record:
      // registered to pickle by reference.
      this.headerRegs.push(t.expressionStatement(t.callExpression(this.m("binding"), [t.stringLiteral(f), t.identifier(f)])));
    }
    return this.defineFieldName;
  }

  private constVarName: string | null = null;

  /**
   * The target of an assignment to a `const` (the slot or env member is an ordinary
   * variable in the output): `$const.v`, whose setter throws V8's TypeError after the
   * right side ran, as natively. A compound assignment reads undefined through it first.
   */
  constTarget(): t.MemberExpression {
    if (this.constVarName === null) {
      const v = (this.constVarName = this.gen.fresh("$const"));
      // In the header: a function may run before the end of the module body.
      this.headerRegs.push(template.statement.ast(`var ${v} = { get v() { return undefined; }, set v(x) { throw new TypeError("Assignment to constant variable."); } };`) as t.Statement);
    }
    return t.memberExpression(t.identifier(this.constVarName), t.identifier("v"));
  }

  private nameFnName: string | null = null;

  /**
   * `$nameFn(f, key, prefix)`: gives `f` the name a method with the computed property key
   * `key` gets natively ("[desc]" for a symbol, prefix "get "/"set " for accessors), and
   * returns it.
   */
  nameFn(fn: t.Expression, key: t.Expression, prefix: string): t.Expression {
    if (this.nameFnName === null) {
      const f = (this.nameFnName = this.gen.fresh("$nameFn"));
      this.factories.push(template.statement.ast(`function ${f}(fn, k, p) {
        var n = typeof k === "symbol" ? (k.description === undefined ? "" : "[" + k.description + "]") : String(k);
        Object.defineProperty(fn, "name", { value: p + n, configurable: true });
        return fn;
      }`) as t.Statement);
    }
    return t.callExpression(t.identifier(this.nameFnName), [fn, t.cloneNode(key), t.stringLiteral(prefix)]);
  }

  private ownFnName: string | null = null;

  /**
   * `$ownFn(code, o, k, part)`: marks the method (part "value") or accessor ("get", "set")
   * that property `k` of `o` holds as compiled code of `code` and returns it, or returns
   * undefined when the property holds no such function (a later member with the same
   * computed key replaced it). Reads the descriptor: `o[k]` could run a getter whose self
   * is not set yet.
   */
  ownFn(code: string, owner: t.Expression, key: t.Expression, part: "value" | "get" | "set"): t.Expression {
    if (this.ownFnName === null) {
      const f = (this.ownFnName = this.gen.fresh("$ownFn"));
      this.factories.push(template.statement.ast(`function ${f}(c, o, k, p) {
        var d = Object.getOwnPropertyDescriptor(o, k), v = d && d[p];
        return typeof v === "function" ? ${this.mName}.fn(c, v) : undefined;
      }`) as t.Statement);
    }
    return t.callExpression(t.identifier(this.ownFnName), [t.identifier(code), owner, key, t.stringLiteral(part)]);
  }

  private propKeyFnName: string | null = null;

  /**
   * `$propKey(v)`: ToPropertyKey(v), once (a string or a symbol). A computed key that the
   * output uses twice (in a literal and again to find the method or define an accessor),
   * or evaluates ahead of its place, is converted here, where the source converts it, so
   * a key's toString/valueOf runs once and in order.
   */
  propKey(e: t.Expression): t.Expression {
    if (t.isStringLiteral(e) || t.isNumericLiteral(e)) return e;
    // `Symbol.iterator` and the like: already a symbol.
    if (t.isMemberExpression(e) && !e.computed && t.isIdentifier(e.object, { name: "Symbol" })) return e;
    if (this.propKeyFnName === null) {
      const f = (this.propKeyFnName = this.gen.fresh("$propKey"));
      this.factories.push(template.statement.ast(`function ${f}(v) { return Reflect.ownKeys({ [v]: 0 })[0]; }`) as t.Statement);
    }
    return t.callExpression(t.identifier(this.propKeyFnName), [e]);
  }

  private mapArgsFnName: string | null = null;

  /**
   * `$mapArgs(args, env, names)`: links index i of a mapped arguments object to env member
   * names[i] (a captured parameter of a sloppy function, emit/frame.ts), for the indices the
   * call passed, with accessors: reads and writes on either side show on the other. Data
   * descriptors of those indices read as accessors (a documented difference).
   */
  mapArgsFn(): string {
    if (this.mapArgsFnName === null) {
      const f = (this.mapArgsFnName = this.gen.fresh("$mapArgs"));
      const src = `function ${f}(args, env, names) {
        for (let i = 0; i < names.length && i < args.length; i++) {
          const k = names[i];
          if (k !== null) Object.defineProperty(args, i, { get() { return env[k]; }, set(v) { env[k] = v; }, enumerable: true, configurable: true });
        }
      }`;
      this.factories.push(template.statement.ast(src) as t.Statement);
    }
    return this.mapArgsFnName;
  }

  private ctorErrFn: string | null = null;

  /**
   * `$ctorError(e, f, text)`: what a `new` through a temporary rethrows: a TypeError
   * naming the source callee when `f` is not a constructor, else `e` itself.
   */
  ctorErrorFn(): string {
    if (this.ctorErrFn === null) {
      const f = (this.ctorErrFn = this.gen.fresh("$ctorError"));
      const [e, fn, text] = ["e", "f", "s"].map((n) => t.identifier(n)) as [t.Identifier, t.Identifier, t.Identifier];
      // Reflect.construct(String, [], f) throws iff f is not a constructor.
      const probe = t.tryStatement(
        t.blockStatement([
          t.expressionStatement(t.callExpression(t.memberExpression(t.identifier("Reflect"), t.identifier("construct")), [t.identifier("String"), t.arrayExpression([]), t.cloneNode(fn)])),
          t.returnStatement(t.cloneNode(e)),
        ]),
        t.catchClause(null, t.blockStatement([
          t.returnStatement(t.newExpression(t.identifier("TypeError"), [t.binaryExpression("+", t.cloneNode(text), t.stringLiteral(" is not a constructor"))])),
        ])),
      );
      this.factories.push(t.functionDeclaration(t.identifier(f), [e, fn, text], t.blockStatement([probe])));
    }
    return this.ctorErrFn;
  }

  /** Set when a compiled async function was emitted: the header imports the runtime. */
  usesAsync = false;

  /** Appends a statement to the header (after code records and hidden variables). */
  addHeader(stmt: t.Statement): void {
    this.headerRegs.push(stmt);
  }

  /** Function declarations at module level, inside blocks: registered at their block's start. */
  pendingFnRegs: t.Statement[] | null = null;

  usableSelf(info: FnInfo, name: string): boolean {
    return this.usableSelfName(info, name);
  }

  returnMode(info: FnInfo): FnSpec["returnMode"] {
    return this.returnModeOf(info);
  }

  nameOf(info: FnInfo): string {
    return this.displayName(info);
  }

  /**
   * `const` in a module; `var` in a script, where a top-level `const` would be a global
   * lexical binding that a second script declaring the same name could not redeclare.
   */
  private get constKind(): "const" | "var" {
    return this.script ? "var" : "const";
  }

  /**
   * How the output reaches the runtime object. A module imports it. A script cannot
   * import: it takes the protocol module that runtime/protocol.ts registered on the
   * global object under `Symbol.for("stackless-ts/protocol")` (any code that loaded the
   * runtime), else `require`s it (CommonJS, or Node's require() of ES modules); a script
   * with async functions also loads the runtime's entry, which installs rt.wait/rt.spawn.
   */
  private runtimeHeader(): t.Statement[] {
    if (!this.script) {
      // `$rt` is a module-level const, not the import binding itself: loaders that turn
      // imports into live getters (vite, CommonJS interop) would otherwise pay a getter
      // call at every use on the hot path.
      const imported = this.gen.fresh("$rtImport");
      return [
        t.importDeclaration([t.importSpecifier(t.identifier(imported), t.identifier("rt"))], t.stringLiteral("stackless-ts/protocol")),
        // Compiled async functions need rt.wait / rt.spawn, which the runtime's entry installs.
        ...(this.usesAsync ? [t.importDeclaration([], t.stringLiteral("stackless-ts"))] : []),
        t.variableDeclaration("const", [t.variableDeclarator(t.identifier(this.rtName), t.identifier(imported))]),
      ];
    }
    const req = (id: string) => t.callExpression(t.identifier("require"), [t.stringLiteral(id)]);
    const registered = t.memberExpression(t.identifier("globalThis"),
      t.callExpression(t.memberExpression(t.identifier("Symbol"), t.identifier("for")), [t.stringLiteral("stackless-ts/protocol")]), true);
    const fallback = this.usesAsync ? t.sequenceExpression([req("stackless-ts"), req("stackless-ts/protocol")]) : req("stackless-ts/protocol");
    return [t.variableDeclaration("var", [t.variableDeclarator(t.identifier(this.rtName),
      t.memberExpression(t.logicalExpression("??", registered, fallback), t.identifier("rt")))])];
  }

  /** The header: runtime import, registry, constants, code records, hidden variables, registrations. */
  header(): t.Statement[] {
    const header: t.Statement[] = [
      ...this.runtimeHeader(),
      t.variableDeclaration(this.constKind, [t.variableDeclarator(t.identifier(this.mName), t.callExpression(this.rt("module"), [t.stringLiteral(this.moduleId)]))]),
    ];
    if (this.envKeyVar) {
      header.push(t.variableDeclaration(this.constKind, [t.variableDeclarator(t.identifier(this.envKeyVar), this.rt("ENV"))]));
    }
    if (this.avVar) {
      header.push(t.variableDeclaration(this.constKind, [t.variableDeclarator(t.identifier(this.avVar),
        t.memberExpression(t.memberExpression(t.identifier("Array"), t.identifier("prototype")), t.memberExpression(t.identifier("Symbol"), t.identifier("iterator")), true))]));
    }
    if (this.asyncProtoVar) {
      header.push(t.variableDeclaration("const", [t.variableDeclarator(t.identifier(this.asyncProtoVar),
        t.callExpression(t.memberExpression(t.identifier("Object"), t.identifier("getPrototypeOf")), [t.functionExpression(null, [], t.blockStatement([]), false, true)]))]));
    }
    for (const [method, n] of this.builtins) {
      const value = method === "reflect"
        ? t.memberExpression(t.identifier("Reflect"), t.identifier("apply"))
        : t.memberExpression(t.memberExpression(t.identifier("Function"), t.identifier("prototype")), t.identifier(method));
      header.push(t.variableDeclaration(this.constKind, [t.variableDeclarator(t.identifier(n), value)]));
    }
    header.push(...this.templateSites);
    header.push(...this.codeRecords);
    if (this.moduleVars.length) header.push(t.variableDeclaration("var", this.moduleVars.map((v) => t.variableDeclarator(t.identifier(v)))));
    header.push(...this.headerRegs);
    return header;
  }

  /** The closure factories, appended at the end of the module. */
  factoryDecls(): t.Statement[] {
    return this.factories;
  }
}
;

/** A private name used inside `node` that no class inside `node` declares (it belongs to an enclosing class), or null. */
function foreignPrivateName(node: t.Node): t.PrivateName | null {
  const declared = new Set<string>();
  const used: t.PrivateName[] = [];
  t.traverseFast(node, (n) => {
    if ((t.isClassPrivateProperty(n) || t.isClassPrivateMethod(n)) && t.isPrivateName(n.key)) declared.add(n.key.id.name);
    else if (t.isPrivateName(n)) used.push(n);
  });
  return used.find((p) => !declared.has(p.id.name)) ?? null;
}

/**
 * The methods and accessors of a class body or object literal that a later member with
 * the same literal key replaces (a method or data property replaces everything; a getter
 * replaces a getter, a setter a setter): unreachable once the class or object exists, so
 * their self is not looked up (the lookup would find the later member).
 */
export function overwrittenMembers(members: readonly t.Node[]): Set<t.Node> {
  const out = new Set<t.Node>();
  const keyOf = (m: t.Node): string | null => {
    if (!(t.isClassMethod(m) || t.isObjectMethod(m) || t.isObjectProperty(m)) || m.computed) return null;
    if (t.isClassMethod(m) && m.kind === "constructor") return null;
    const k = m.key;
    const name = t.isIdentifier(k) ? k.name : t.isStringLiteral(k) ? k.value : t.isNumericLiteral(k) ? String(k.value) : null;
    // `__proto__: v` sets the prototype, it defines no property.
    if (t.isObjectProperty(m) && !m.shorthand && name === "__proto__") return null;
    return name === null ? null : `${"static" in m && m.static ? "static " : ""}${name}`;
  };
  const kindOf = (m: t.Node): string => (t.isClassMethod(m) || t.isObjectMethod(m) ? m.kind : "method");
  members.forEach((m, i) => {
    const k = keyOf(m);
    if (k === null) return;
    for (let j = i + 1; j < members.length; j++) {
      const n = members[j] as t.Node;
      if (keyOf(n) !== k) continue;
      if (kindOf(m) === "method" || kindOf(n) === "method" || kindOf(n) === kindOf(m)) {
        out.add(m);
        return;
      }
    }
  });
  return out;
}

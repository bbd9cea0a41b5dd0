/**
 * Classes (protocol rule 12). Methods, getters and setters (private ones too, see
 * privateMethod) compile in place; their self is a hidden variable set by a static block
 * placed first in the class body (methods exist before any static element runs). Field
 * initializers and static blocks with code compile as functions called where they stand
 * (nested), or, when JavaScript's order allows it, from compiled code: public fields by
 * a split constructor's init method (movedFields), static elements by the code that
 * evaluates the class (movedStatics), so that a switch inside them is soft. A constructor that can be split keeps its
 * parameters, the code before `super(…)` and `super(…)` itself as plain code, and moves
 * the rest into a compiled init method keyed by a per-class symbol:
 *
 *   constructor(a) {
 *     const $direct = $rt.callee === $cls; $rt.callee = $rt.NOBODY;
 *     …before super…; super(…);
 *     if ($direct) $rt.callee = $self_init;       // a direct call may unwind through here
 *     return $self_init.call(this, a);            // returns `this` or the body's object
 *   }
 *   [$ik = Symbol("C.init")](a) { …compiled… }
 *
 * When init unwinds it returns rt.UNWIND, the constructor returns that object, and the
 * compiled `new` call site sees $rt.unwinding; resuming init delivers `this`.
 */
import * as t from "@babel/types";
import { compilerBug } from "../errors.js";
import { hasCall, isSimpleParams } from "../analysis/meta.js";
import type { BindingInfo, FnInfo } from "../analysis/scope.js";
import { compileFunction } from "./frame.js";
import { listCharge, spend } from "./charges.js";
import { wrapperParts } from "./gen-wrapper.js";
import { overwrittenMembers, type ClassFrame, type ModuleCtx } from "./module.js";
import { constructorGuard, guardParams, guardValue, privateStateOf, registration } from "./private-state.js";

export interface ClassHost {
  mod: ModuleCtx;
  /** A hidden variable (module-level or factory-level). */
  selfVar(base: string): string;
  /** Output key of computed member #i (in member order). */
  key(member: t.Node, keyNode: t.Expression, index: number): t.Expression;
  /** The key's value again, for the self lookup. */
  keyRef(index: number): t.Expression;
  /** Parts of the class copied as they are (plain elements, field values with no code). */
  plain<T extends t.Node>(node: T, ctx: FnInfo | null): T;
  /** Names compiled methods must not shadow. */
  reserved: string[];
  /**
   * A class evaluated in tasklet code: the static elements that rewriteClassBody takes
   * out of the class body (see movedStatics) are appended here, in order, for the code
   * that evaluates the class to run right after (emit/closures.ts classExpr).
   */
  statics?: StaticDef[];
  /**
   * A class evaluated in a function (ModuleCtx.classFactory): the `$m.cls(…)` statement
   * that ends its leading static block, and its static elements left in the body are
   * guarded by `$rt.restoring` (unpickling evaluates the class again, running no code of
   * the program: runtime/local-classes.ts).
   */
  local?: t.Statement;
}

/** A static element run by the code that evaluates the class, after the class body. */
export interface StaticDef {
  /** A field's key; null for a static block. */
  key: string | null;
  /** The compiled initializer or block (a function of `this`); null for `static x;`. */
  initVar: string | null;
}

function keyName(m: { key: t.Node; computed?: boolean | null }): string {
  if (m.computed) return "[computed]";
  if (t.isIdentifier(m.key)) return m.key.name;
  if (t.isStringLiteral(m.key)) return m.key.value;
  if (t.isNumericLiteral(m.key)) return String(m.key.value);
  if (t.isPrivateName(m.key)) return `#${m.key.id.name}`;
  return "?";
}

/** `owner[key]` for a member's self lookup (owner: `this` or `this.prototype` inside a static block). */
function lookupKey(m: t.ClassMethod, host: ClassHost, computedIndex: number): { key: t.Expression; computed: boolean } {
  if (m.computed) return { key: host.keyRef(computedIndex), computed: true };
  if (t.isIdentifier(m.key)) return { key: t.identifier(m.key.name), computed: false };
  return { key: t.cloneNode(m.key as t.Expression), computed: true };
}

export function rewriteClassBody(host: ClassHost, node: t.Class, className: string, outer: FnInfo | null): t.ClassBody {
  const mod = host.mod;
  const members: t.ClassBody["body"] = [];
  const init: t.Statement[] = [];
  let computedIndex = 0;
  const pathName = (m: { key: t.Node; computed?: boolean | null; kind?: string; static?: boolean }): string => {
    const k = keyName(m);
    const prefix = m.kind === "get" ? "get " : m.kind === "set" ? "set " : "";
    return `${className}.${m.static ? "static " : ""}${prefix}${k}`;
  };
  let clsVar: string | null = null;
  const classRef = (): string => {
    if (!clsVar) {
      clsVar = host.selfVar("$cls");
      init.unshift(t.expressionStatement(t.assignmentExpression("=", t.identifier(clsVar), t.thisExpression())));
    }
    return clsVar;
  };
  const closures: ClassFrame = {
    node,
    defs: [],
    declare: (base: string) => host.selfVar(base),
    home: (isStatic: boolean) => (isStatic ? t.identifier(classRef()) : t.memberExpression(t.identifier(classRef()), t.identifier("prototype"))),
    local: host.local !== undefined,
  };
  // `$initN = $mkN($o)`: the compiled field initializers and static blocks, made once the
  // factories (closures.defs) exist.
  const elementInits: t.Statement[] = [];
  // Public instance fields that a split constructor's init method defines (see movedFields).
  const moved = movedFields(mod, node);
  // Known before the constructor is emitted (it may come first in the class body).
  const fieldDefs: FieldDef[] = [...moved].map((f) => ({ key: fieldKey(f) as string, initVar: f.value ? host.selfVar("$init") : null }));
  const defOf = new Map<t.Node, FieldDef | StaticDef>([...moved].map((f, i) => [f, fieldDefs[i] as FieldDef]));
  for (const e of host.statics ? movedStatics(mod, node) : []) {
    const def: StaticDef = { key: t.isStaticBlock(e) ? null : fieldKey(e), initVar: t.isStaticBlock(e) || e.value ? host.selfVar("$init") : null };
    host.statics?.push(def);
    defOf.set(e, def);
  }
  // Methods and accessors a later member replaces: no self lookup (overwrittenMembers).
  const overwritten = overwrittenMembers(node.body.body);
  // Captures of the private instance methods' selves (see privateMethod).
  const brands: t.Expression[] = [];
  // The compiled bodies of generator methods (see generatorMethod): defined last, taken
  // out again by the leading static block.
  const hiddenBodies: t.ClassMethod[] = [];
  // Private instance state: registered for pickling, constructors and initializers guarded (private-state.ts).
  const priv = privateStateOf(node, className);
  // A class evaluated in a function also guards its static elements: unpickling makes
  // the class again, running nothing of the program (runtime/local-classes.ts).
  const guarded = <T extends t.Node>(copy: T): T => {
    if ((t.isClassProperty(copy) || t.isClassPrivateProperty(copy) || t.isClassAccessorProperty(copy)) && copy.value && (copy.static ? host.local : priv)) {
      copy.value = guardValue(mod, copy.value);
    }
    if (host.local && t.isStaticBlock(copy)) {
      copy.body = [t.ifStatement(t.unaryExpression("!", mod.rt("restoring")), t.blockStatement(copy.body))];
    }
    if (priv && t.isClassMethod(copy) && copy.kind === "constructor") {
      copy.params = guardParams(mod, copy.params);
      copy.body.body.unshift(constructorGuard(mod, priv));
    }
    return copy;
  };
  mod.withClass(closures, () => {
    for (const m of node.body.body) memberOut(m);
  });
  members.push(...hiddenBodies);
  init.push(...closures.defs, ...elementInits);
  if (priv) init.push(registration(mod, priv));
  if (host.local) init.push(host.local);
  if (brands.length) members.unshift(t.classPrivateProperty(t.privateName(t.identifier(mod.fresh("$brand"))), t.sequenceExpression([...brands, t.unaryExpression("void", t.numericLiteral(0))])));
  if (init.length) members.unshift(t.staticBlock(init));
  return t.classBody(members);

  function memberOut(m: t.ClassBody["body"][number]): void {
    let keyOut: t.Expression | null = null;
    let myIndex = -1;
    if ((t.isClassMethod(m) || t.isClassProperty(m) || t.isClassAccessorProperty(m)) && m.computed) {
      myIndex = computedIndex++;
      keyOut = host.key(m, m.key as t.Expression, myIndex);
    }
    if (t.isClassMethod(m)) {
      const info = mod.analysis.fns.get(m);
      if (!info) compilerBug("class method without context");
      const key = keyOut ?? t.cloneNode(m.key);
      if (info.mode === "compiled" && m.generator) {
        const { key: lk, computed } = lookupKey(m, host, myIndex);
        const owner = m.static ? t.thisExpression() : t.memberExpression(t.thisExpression(), t.identifier("prototype"));
        // (a member a later one replaces is never linked: it is unreachable)
        const link = overwritten.has(m) ? null : (b: t.Identifier) => ownValue(mod, t.cloneNode(owner), computed ? lk : t.isIdentifier(lk) ? t.stringLiteral(lk.name) : lk, b);
        const wrapper = generatorMethod(host, info, pathName(m), m.static, owner, init, hiddenBodies, link);
        members.push(t.classMethod("method", key, wrapper.params, wrapper.block, m.computed, m.static, true, m.async));
      } else if (info.mode === "compiled") {
        const self = host.selfVar("$self");
        const c = compileFunction(mod, { fn: info, selfName: self, name: pathName(m), params: m.params, body: m.body.body, source: m, returnMode: "plain", reserved: host.reserved });
        members.push(t.classMethod(m.kind, key, c.params, c.body, m.computed, m.static));
        if (!overwritten.has(m)) {
          const { key: lk, computed } = lookupKey(m, host, myIndex);
          const owner = m.static ? t.thisExpression() : t.memberExpression(t.thisExpression(), t.identifier("prototype"));
          const part = m.kind === "method" ? "value" : m.kind === "get" ? "get" : "set";
          init.push(t.expressionStatement(t.assignmentExpression("=", t.identifier(self), mod.ownFn(c.codeVar, owner, computed ? lk : t.stringLiteral((lk as t.Identifier).name), part))));
          // (a later member with the same computed key may have replaced it: no self)
          if (m.async) init.push(m.computed ? t.ifStatement(t.identifier(self), mod.asyncProto(t.identifier(self))) : mod.asyncProto(t.identifier(self)));
        }
      } else if (info.mode === "ctor") {
        members.push(...splitConstructor(host, m, info, className, classRef, init, fieldDefs).map(guarded));
      } else {
        const copy = guarded(host.plain(m, outer));
        if (keyOut) copy.key = keyOut;
        // a leaf constructor (select.ts leafShape) charges its statements on entry, as a leaf function does
        if (info.leafCtor && mod.opts.count) copy.body.body.unshift(t.expressionStatement(spend(() => mod.rt("budget"), Math.max(1, listCharge(m.body.body)))));
        members.push(copy);
      }
    } else if (t.isClassPrivateMethod(m) && m.generator && mod.analysis.fns.get(m)?.mode === "compiled") {
      members.push(privateGeneratorMethod(host, m, pathName(m), init, brands, hiddenBodies));
    } else if (t.isClassPrivateMethod(m) && mod.analysis.fns.get(m)?.mode === "compiled") {
      members.push(privateMethod(host, m, pathName(m), init, brands, classRef));
    } else if ((t.isClassProperty(m) || t.isStaticBlock(m)) && defOf.has(m)) {
      // Defined by the init method (splitConstructor), or run by the code that evaluates
      // the class (static elements): where a switch inside is soft.
      const initVar = defOf.get(m)?.initVar;
      if (initVar) {
        const info = mod.analysis.fns.get(m) as FnInfo;
        const mk = mod.elementFactory(info, closures, t.isStaticBlock(m) ? `${className}.static {}` : pathName(m));
        elementInits.push(t.expressionStatement(t.assignmentExpression("=", t.identifier(initVar), t.callExpression(t.identifier(mk), [info.creationEnv ? t.identifier(mod.oName) : t.nullLiteral()]))));
      }
    } else if ((t.isClassProperty(m) || t.isClassPrivateProperty(m) || t.isStaticBlock(m)) && mod.analysis.fns.get(m)?.mode === "compiled" && needsFrame(m)) {
      // `x = $init.call(this)`, `static { $init.call(this) }`: the element's code runs as a
      // compiled function, called by the engine where the element stands (so a nested
      // call: a switch inside is hard) with the element's `this`; `new.target` is
      // undefined in both, and `arguments` cannot occur.
      const info = mod.analysis.fns.get(m) as FnInfo;
      const mk = mod.elementFactory(info, closures, t.isStaticBlock(m) ? `${className}.static {}` : pathName(m));
      const fi = host.selfVar("$init");
      elementInits.push(t.expressionStatement(t.assignmentExpression("=", t.identifier(fi), t.callExpression(t.identifier(mk), [info.creationEnv ? t.identifier(mod.oName) : t.nullLiteral()]))));
      const run = t.callExpression(t.memberExpression(t.identifier(fi), t.identifier("call")), [t.thisExpression()]);
      if (t.isStaticBlock(m)) members.push(guarded(t.staticBlock([t.expressionStatement(run)])));
      else if (t.isClassPrivateProperty(m)) members.push(guarded(t.classPrivateProperty(t.cloneNode(m.key), run, null, m.static)));
      else members.push(guarded(t.classProperty(keyOut ?? t.cloneNode(m.key), run, null, null, m.computed, m.static)));
    } else if (t.isClassProperty(m) || t.isClassAccessorProperty(m)) {
      const copy = guarded(host.plain(m, outer));
      if (keyOut) copy.key = keyOut;
      members.push(copy);
    } else if (t.isTSDeclareMethod(m) || t.isTSIndexSignature(m)) {
      return;
    } else {
      members.push(guarded(host.plain(m, outer)));
    }
  }
}

interface FieldDef {
  key: string;
  /** The compiled initializer (a function of `this`), or null for `x;`. */
  initVar: string | null;
}

/** The key of a public field as a string, if it is written literally (not computed). */
function fieldKey(m: t.ClassProperty): string | null {
  if (m.computed) return null;
  if (t.isIdentifier(m.key)) return m.key.name;
  if (t.isStringLiteral(m.key)) return m.key.value;
  if (t.isNumericLiteral(m.key)) return String(m.key.value);
  return null;
}

/**
 * Instance fields JavaScript initializes when the constructor's `this` is bound: before
 * the body of a base class, right when `super(…)` returns in a derived one. When the
 * constructor splits (rule 12), its init method runs at exactly that point, so public
 * fields can be defined there instead, one after the other, each by a direct call of its
 * compiled initializer: a switch inside an initializer is then soft. Which ones move: the
 * longest run of public fields with literal keys at the end of the instance fields (a
 * private field cannot be defined outside its declaration, and those before it keep
 * their order by staying where they are), when one of them has code worth a frame. A
 * base class also needs plain parameters: natively the parameters are bound after the
 * fields, and default values or patterns could observe the difference.
 * Defining is `Object.defineProperty(this, key, { value, writable, enumerable,
 * configurable: true })`, which is CreateDataPropertyOrThrow, what a field definition does.
 */
function movedFields(mod: ModuleCtx, node: t.Class): Set<t.ClassProperty> {
  const out = new Set<t.ClassProperty>();
  const ctor = node.body.body.find((m): m is t.ClassMethod => t.isClassMethod(m) && m.kind === "constructor");
  const info = ctor ? mod.analysis.fns.get(ctor) : undefined;
  if (!ctor || !info || info.mode !== "ctor") return out;
  if (info.superIndex < 0 && !isSimpleParams(ctor.params)) return out;
  const fields = node.body.body.filter((m) => (t.isClassProperty(m) || t.isClassPrivateProperty(m) || t.isClassAccessorProperty(m)) && !m.static);
  let k = fields.length;
  while (k > 0) {
    const f = fields[k - 1];
    if (!t.isClassProperty(f) || fieldKey(f) === null || (f.value && mod.analysis.fns.get(f)?.mode !== "compiled")) break;
    k--;
  }
  const tail = fields.slice(k) as t.ClassProperty[];
  if (!tail.some((f) => needsFrame(f))) return out;
  for (const f of tail) out.add(f);
  return out;
}

/**
 * Static elements of a class evaluated in tasklet code that can run after the class body,
 * from the compiled code that evaluates it, as direct calls (so a switch inside is soft):
 * the longest run of static blocks and public static fields with literal keys at the end
 * of the static elements, when one of them has code worth a frame. JavaScript runs static
 * elements last in the class body, in order, before the class binding is initialized;
 * running them right after the class body, before the code that evaluates the class
 * assigns it anywhere, is the same order. A static private field ends the run: it cannot
 * be defined outside its declaration (those before it stay in place and run first).
 */
function movedStatics(mod: ModuleCtx, node: t.Class): Array<t.ClassProperty | t.StaticBlock> {
  const statics = node.body.body.filter((m) => t.isStaticBlock(m) || ((t.isClassProperty(m) || t.isClassPrivateProperty(m) || t.isClassAccessorProperty(m)) && m.static));
  let k = statics.length;
  while (k > 0) {
    const e = statics[k - 1];
    const compiled = e !== undefined && mod.analysis.fns.get(e)?.mode === "compiled";
    if (t.isStaticBlock(e) ? !compiled : !t.isClassProperty(e) || fieldKey(e) === null || (e.value != null && !compiled)) break;
    k--;
  }
  const tail = statics.slice(k) as Array<t.ClassProperty | t.StaticBlock>;
  return tail.some((e) => needsFrame(e)) ? tail : [];
}

function splitConstructor(host: ClassHost, m: t.ClassMethod, info: FnInfo, className: string, classRef: () => string, init: t.Statement[], fields: FieldDef[]): t.ClassMethod[] {
  const mod = host.mod;
  const body = m.body.body;
  const before = body.slice(0, info.superIndex + 1);
  // The moved fields first, as `$defineField(this, "x", $init.call(this))` (source-like
  // statements the emitter lowers: the call of $init is a direct call).
  const define = (f: FieldDef): t.Statement => t.expressionStatement(t.callExpression(t.identifier(mod.defineFieldFn()), [
    t.thisExpression(),
    t.stringLiteral(f.key),
    f.initVar ? t.callExpression(t.memberExpression(t.identifier(f.initVar), t.identifier("call")), [t.thisExpression()]) : t.identifier("undefined"),
  ]));
  const after = [...fields.map(define), ...body.slice(info.superIndex + 1)];
  // Everything the init part can see from before: parameters and earlier declarations.
  const passed: BindingInfo[] = [];
  const collect = (n: t.Node): void => {
    for (const id of Object.values(t.getBindingIdentifiers(n, false)).flat()) {
      const b = mod.analysis.bindingOf.get(id as t.Identifier);
      if (b && b.owner === info && !passed.includes(b)) passed.push(b);
    }
  };
  for (const p of m.params) collect(p);
  for (const s of before) {
    t.traverseFast(s, (n) => {
      if (t.isVariableDeclarator(n)) collect(n);
    });
  }
  const withNT = info.usesNewTarget || info.capNewTarget;
  const initSelf = host.selfVar("$self_init");
  const ik = host.selfVar("$ik");
  const cls = classRef();
  const c = compileFunction(mod, {
    fn: info,
    selfName: initSelf,
    name: `${className}.constructor`,
    params: { bindings: passed, newTarget: withNT },
    body: after,
    source: m,
    returnMode: "init",
    reserved: [...host.reserved, ...passed.map((b) => b.name)],
  });
  init.push(t.expressionStatement(t.assignmentExpression("=", t.identifier(initSelf),
    t.callExpression(t.memberExpression(t.identifier(mod.mName), t.identifier("fn")), [t.identifier(c.codeVar), t.memberExpression(t.memberExpression(t.thisExpression(), t.identifier("prototype")), t.identifier(ik), true)]))));
  const direct = mod.fresh("$direct");
  const args: t.Expression[] = [t.thisExpression(), ...passed.map((b) => t.identifier(b.name))];
  if (withNT) args.push(t.metaProperty(t.identifier("new"), t.identifier("target")));
  const ctorBody: t.Statement[] = [
    t.variableDeclaration("const", [t.variableDeclarator(t.identifier(direct), t.binaryExpression("===", mod.rt("callee"), t.identifier(cls)))]),
    t.expressionStatement(t.assignmentExpression("=", mod.rt("callee"), mod.rt("NOBODY"))),
    ...before.map((s) => host.plain(s, info)),
    t.ifStatement(t.identifier(direct), t.expressionStatement(t.assignmentExpression("=", mod.rt("callee"), t.identifier(initSelf)))),
    t.returnStatement(t.callExpression(t.memberExpression(t.identifier(initSelf), t.identifier("call")), args)),
  ];
  const ctor = t.classMethod("constructor", t.identifier("constructor"), m.params.map((p) => host.plain(p, info)), t.blockStatement(ctorBody));
  const symbol = t.assignmentExpression("=", t.identifier(ik), t.callExpression(t.identifier("Symbol"), [t.stringLiteral(`${className}.init`)]));
  const initMethod = t.classMethod("method", symbol, c.params, c.body, true);
  return [ctor, initMethod];
}

/**
 * A private method, getter or setter compiles in place. Its function object cannot be
 * read like a public method's, so its self (rule 2) is found another way:
 * - a static private method: `this.#m` in the leading static block (static private
 *   methods exist before any static element runs);
 * - an instance private method: from the first instance, before any code can read it:
 *   a hidden private field placed first, `#$brand = ($self === $cN && ($self =
 *   $m.fn($cN, this.#m)), void 0)`, runs right after JavaScript added the private methods
 *   to the instance (before every other field). It changes nothing observable: a class
 *   with private methods already brands its instances (initializing one twice throws
 *   before any field), and private fields are invisible. Until then the self variable
 *   holds the code record, which no call site ever sets as `rt.callee`.
 * - a private getter or setter: only the engine calls it (there is no way to read its
 *   function object), so its self is a thunk `function () { return this.#x }` /
 *   `function (v) { this.#x = v }` that enters it through the private name, with
 *   `rt.callee` untouched: rt.nested calls the thunk with `callee` = thunk, and the
 *   trampoline resumes a record with `callee` = RESUME, both of which reach the accessor's
 *   prologue unchanged. The engine in between only checks the brand and passes the return
 *   value through (so an unwinding accessor's rt.UNWIND reaches the thunk's caller).
 */
function privateMethod(host: ClassHost, m: t.ClassPrivateMethod, name: string, init: t.Statement[], brands: t.Expression[], classRef: () => string): t.ClassPrivateMethod {
  const mod = host.mod;
  const info = mod.analysis.fns.get(m);
  if (!info) compilerBug("private method without context");
  const self = host.selfVar("$self");
  const key = m.key.id.name;
  const priv = (): t.PrivateName => t.privateName(t.identifier(key));
  const thisKey = (): t.MemberExpression => t.memberExpression(t.thisExpression(), priv());
  const fnCall = (code: string, fn: t.Expression): t.Expression => t.callExpression(t.memberExpression(t.identifier(mod.mName), t.identifier("fn")), [t.identifier(code), fn]);
  const lazy = m.kind === "method" && !m.static;
  const c = compileFunction(mod, { fn: info, selfName: self, name, params: m.params, body: m.body.body, source: m, returnMode: "plain", reserved: host.reserved });
  if (lazy) {
    let made = m.async ? mod.asyncProtoExpr(fnCall(c.codeVar, thisKey())) : fnCall(c.codeVar, thisKey());
    // A class evaluated in a function learns this member of its evaluation now (runtime/local-classes.ts).
    if (host.local) made = t.callExpression(t.memberExpression(t.identifier(mod.mName), t.identifier("member")), [t.identifier(classRef()), made]);
    brands.push(t.logicalExpression("&&", t.binaryExpression("===", t.identifier(self), t.identifier(c.codeVar)), t.assignmentExpression("=", t.identifier(self), made)));
  }
  let value: t.Expression;
  if (lazy) value = t.identifier(c.codeVar);
  else if (m.kind === "method") value = fnCall(c.codeVar, thisKey());
  else if (m.kind === "get") value = fnCall(c.codeVar, t.functionExpression(null, [], t.blockStatement([t.returnStatement(thisKey())])));
  else value = fnCall(c.codeVar, t.functionExpression(null, [t.identifier("v")], t.blockStatement([t.expressionStatement(t.assignmentExpression("=", thisKey(), t.identifier("v")))])));
  init.push(t.expressionStatement(t.assignmentExpression("=", t.identifier(self), value)));
  // An instance method's function object is only known at its first call (not fixed then).
  if (m.async && !lazy) init.push(mod.asyncProto(t.identifier(self)));
  // Compiled async code is synchronous code whose awaits block the tasklet: no `async`.
  return t.classPrivateMethod(m.kind, t.privateName(t.identifier(key)), c.params, c.body, m.static);
}

/**
 * Does element `m` have code worth a frame: a call site, a function or class to create
 * (compiled closures need the element's environment), or statements (a static block)?
 * A plain value (`x = 0`, `items = []`, `y = this.x + 1`) stays where it is: nothing in it
 * can switch or loop, and a nested call per field and instance would cost for nothing.
 */
function needsFrame(m: t.ClassProperty | t.ClassPrivateProperty | t.StaticBlock): boolean {
  if (t.isStaticBlock(m)) return true;
  const v = m.value;
  if (!v) return false;
  if (hasCall(v)) return true;
  let found = false;
  t.traverseFast(v, (n) => {
    if (t.isFunction(n) || t.isClass(n)) found = true;
  });
  return found;
}

/**
 * A generator method (protocol "Generators"): the member stays a native generator method
 * (its `name`, `length`, own `prototype`, not a constructor, its parameters bound at the
 * call) whose body is `return yield* $rt.gen($gb, this, …)`. The compiled body `$gb` is a
 * method of the same class, static or not as the generator, so its home object is the
 * generator's and `super` in it means what it means natively. It is defined last in the
 * class body under a fresh symbol and deleted again by the leading static block, before
 * any code can see the class (computed keys cannot reach the prototype, and static
 * elements run after that block):
 *   *m(a) { return yield* $rt.gen($gb, this, arguments); }
 *   …
 *   [$gk = Symbol()](a) { …compiled… }
 *   static { $gb = $m.fn($c, this.prototype[$gk]); delete this.prototype[$gk];
 *            $m.gen(<the generator method>, $gb); … }
 * `link(body)` is the statement's `$m.gen(…)` call, or null when the wrapper is linked
 * elsewhere (private instance methods, from the first instance).
 */
function generatorMethod(host: ClassHost, info: FnInfo, name: string, isStatic: boolean, owner: t.Expression, init: t.Statement[], hidden: t.ClassMethod[], link: ((body: t.Identifier) => t.Expression) | null): { params: t.FunctionExpression["params"]; block: t.BlockStatement; body: string } {
  const mod = host.mod;
  const b = host.selfVar("$gb");
  const gk = host.selfVar("$gk");
  const { bodyFn, codeVar } = mod.generatorBody(info, b, name, null, host.reserved);
  const symbol = t.assignmentExpression("=", t.identifier(gk), t.callExpression(t.identifier("Symbol"), []));
  const m = t.classMethod("method", symbol, bodyFn.params, bodyFn.body, true, isStatic);
  m.loc = info.node.loc ?? null;
  hidden.push(m);
  const at = (): t.MemberExpression => t.memberExpression(t.cloneNode(owner), t.identifier(gk), true);
  init.push(t.expressionStatement(t.assignmentExpression("=", t.identifier(b), t.callExpression(t.memberExpression(t.identifier(mod.mName), t.identifier("fn")), [t.identifier(codeVar), at()]))));
  init.push(t.expressionStatement(t.unaryExpression("delete", at())));
  if (link) init.push(t.expressionStatement(link(t.identifier(b))));
  return { ...wrapperParts(mod, info, b), body: b };
}

/** `$m.gen(Object.getOwnPropertyDescriptor(owner, key)?.value, body)`: no getter of a later member with the same key runs. */
export function ownValue(mod: ModuleCtx, owner: t.Expression, key: t.Expression, body: t.Identifier): t.Expression {
  const desc = t.callExpression(t.memberExpression(t.identifier("Object"), t.identifier("getOwnPropertyDescriptor")), [owner, key]);
  return t.callExpression(t.memberExpression(t.identifier(mod.mName), t.identifier("gen")), [t.optionalMemberExpression(desc, t.identifier("value"), false, true), body]);
}

/**
 * A private generator method: as generatorMethod, the wrapper `*#m(…)` with its body a
 * hidden public method of the same home object. The wrapper is linked through `this.#m`:
 * by the leading static block for a static one, from the first instance for an instance
 * one (the brand field, see privateMethod), before any generator of it can exist.
 */
function privateGeneratorMethod(host: ClassHost, m: t.ClassPrivateMethod, name: string, init: t.Statement[], brands: t.Expression[], hidden: t.ClassMethod[]): t.ClassPrivateMethod {
  const mod = host.mod;
  const info = mod.analysis.fns.get(m);
  if (!info) compilerBug("private method without context");
  const owner = m.static ? t.thisExpression() : t.memberExpression(t.thisExpression(), t.identifier("prototype"));
  const gen = (wrapper: t.Expression, body: t.Expression): t.Expression => t.callExpression(t.memberExpression(t.identifier(mod.mName), t.identifier("gen")), [wrapper, body]);
  const thisKey = (): t.MemberExpression => t.memberExpression(t.thisExpression(), t.privateName(t.identifier(m.key.id.name)));
  const w = generatorMethod(host, info, name, m.static, owner, init, hidden, m.static ? (b) => gen(thisKey(), b) : null);
  if (!m.static) {
    const linked = host.selfVar("$gl");
    brands.push(t.logicalExpression("||", t.identifier(linked), t.assignmentExpression("=", t.identifier(linked), gen(thisKey(), t.identifier(w.body)))));
  }
  const out = t.classPrivateMethod("method", t.privateName(t.identifier(m.key.id.name)), w.params, w.block, m.static);
  out.generator = true;
  out.async = m.async === true;
  return out;
}

/**
 * The module body (protocol rule 11): plain code copied as it is, with each compiled
 * function replaced in place by its tasklet form: declarations keep their name and are
 * registered in the header, expressions are wrapped in `$m.fn`, classes get their
 * methods compiled (emit/classes.ts), object literals with methods get hidden selves.
 */
import * as t from "@babel/types";
import type { NodePath } from "@babel/traverse";
import type { FnInfo } from "../analysis/scope.js";
import { compilerBug } from "../errors.js";
import { ownValue, rewriteClassBody, type ClassHost } from "./classes.js";
import { compileFunction, expectedArgumentCount } from "./frame.js";
import { isAnonymousDefinition } from "./expressions.js";
import { wrapperParts } from "./gen-wrapper.js";
import { cloneWith, defineName, overwrittenMembers, type ModuleCtx } from "./module.js";

export function buildProgram(mod: ModuleCtx, program: NodePath<t.Program>): t.Statement[] {
  return new ModuleBody(mod).build(program);
}

class ModuleBody {
  constructor(private readonly mod: ModuleCtx) {}

  private isTopLevel(p: NodePath): boolean {
    let parent = p.parentPath;
    // `l: function f() {}` (sloppy) declares f where the labelled statement stands.
    while (parent && parent.isLabeledStatement()) parent = parent.parentPath;
    if (!parent) return false;
    if (parent.isProgram()) return true;
    return (parent.isExportNamedDeclaration() || parent.isExportDefaultDeclaration()) && parent.parentPath?.isProgram() === true;
  }

  private mapModule(node: t.Node): t.Node {
    const a = this.mod.analysis;
    if (t.isFunction(node) && !t.isObjectMethod(node) && !t.isClassMethod(node) && !t.isClassPrivateMethod(node)) {
      const info = a.fns.get(node);
      if (!info) compilerBug("function without context");
      if (info.mode === "plain") return t.cloneNode(node, true);
      if (t.isFunctionDeclaration(node)) return this.moduleFunctionDecl(node, info);
      return this.moduleClosure(info);
    }
    if (t.isClass(node)) return this.moduleClass(node);
    if (t.isIfStatement(node) && (t.isFunctionDeclaration(node.consequent) || t.isFunctionDeclaration(node.alternate))) {
      // `if (x) function f() {}` (sloppy, Annex B.3.3) is `if (x) { function f() {} }`.
      const wrap = (s: t.Statement | null | undefined): t.Statement | null => (s && t.isFunctionDeclaration(s) ? t.blockStatement([s]) : (s ?? null));
      return this.mapModule(t.ifStatement(node.test, wrap(node.consequent) as t.Statement, wrap(node.alternate)));
    }
    if (t.isObjectProperty(node) && node.computed && (t.isFunctionExpression(node.value) || t.isArrowFunctionExpression(node.value)) && isAnonymousDefinition(node.value) && a.fns.get(node.value)?.mode !== "plain") {
      // `[k]: function () {}`: named after the key, known at run time (the factory makes
      // the function anonymous); the key is converted once, before the value, as natively.
      const k = this.mod.moduleVar("$k");
      const key = t.assignmentExpression("=", t.identifier(k), this.mod.propKey(this.mapModule(node.key) as t.Expression));
      return t.objectProperty(key, this.mod.nameFn(this.mapModule(node.value) as t.Expression, t.identifier(k), ""), true);
    }
    if (t.isObjectExpression(node) && node.properties.some((p) => t.isObjectMethod(p) && a.fns.get(p)?.mode === "compiled")) return this.moduleObject(node);
    if (t.isBlockStatement(node) || t.isStaticBlock(node)) {
      const saved = this.mod.pendingFnRegs;
      this.mod.pendingFnRegs = [];
      const copy = cloneWith(node, (c) => this.mapModule(c));
      // Factories anchored here first: an async declaration's `let f = $mkN(null)` may use one.
      copy.body.unshift(...this.takeInserts(node), ...this.mod.pendingFnRegs);
      this.mod.pendingFnRegs = saved;
      return copy;
    }
    if (t.isSwitchStatement(node)) return this.moduleSwitch(node);
    const copy = cloneWith(node, (c) => this.mapModule(c));
    const inserts = this.takeInserts(node);
    if (inserts.length) this.insertAtScopeStart(copy, inserts);
    return copy;
  }

  /**
   * A module-level switch: function declarations in its cases belong to its block, and
   * any case may be entered first, so their registrations start every case (repeating
   * one on fall-through is harmless). An async declaration's `let` cannot be repeated.
   */
  private moduleSwitch(node: t.SwitchStatement): t.Node {
    const saved = this.mod.pendingFnRegs;
    this.mod.pendingFnRegs = [];
    const copy = cloneWith(node, (c) => this.mapModule(c));
    const regs = this.mod.pendingFnRegs;
    this.mod.pendingFnRegs = saved;
    if (regs.some((r) => t.isVariableDeclaration(r))) throw this.mod.errors.error(node, "an async function declared in a case of a module-level switch is not supported; move it into a block");
    if (regs.length) copy.cases.forEach((c, i) => c.consequent.unshift(...(i === 0 ? regs : regs.map((r) => t.cloneNode(r, true)))));
    const inserts = this.takeInserts(node);
    if (inserts.length) this.insertAtScopeStart(copy, inserts);
    return copy;
  }

  private takeInserts(node: t.Node): t.Statement[] {
    const list = this.mod.blockInserts.get(node);
    if (!list) return [];
    this.mod.blockInserts.delete(node);
    return list;
  }

  /** Factories placed in a loop head's, catch clause's or switch's scope (ModuleCtx.placeFactory). */
  private insertAtScopeStart(copy: t.Node, inserts: t.Statement[]): void {
    if (t.isFor(copy) || t.isWhileStatement(copy) || t.isDoWhileStatement(copy)) {
      if (t.isForStatement(copy)) this.insertInForHead(copy, inserts);
      if (t.isBlockStatement(copy.body)) copy.body.body.unshift(...inserts);
      else copy.body = t.blockStatement([...inserts, copy.body]);
    } else if (t.isCatchClause(copy)) {
      copy.body.body.unshift(...inserts);
    } else if (t.isSwitchStatement(copy)) {
      // Any case may be entered first: each one (re)assigns the factories.
      copy.cases.forEach((c, i) => c.consequent.unshift(...(i === 0 ? inserts : inserts.map((s) => t.cloneNode(s, true)))));
    } else {
      compilerBug(`factories anchored at a ${copy.type}`);
    }
  }

  /**
   * A closure created in a `for (let …; test; update)` head captures that iteration's
   * bindings: the copy made before the update for the next iteration, or the first one
   * for the init and the first test (before the body ran at all). Factories assigned at
   * the body's start would close over the previous iteration's (or not exist yet), so the
   * head parts that create such closures (re)assign them first, in their own scope:
   * `for (let $fz = (F, void 0), i = 0; (F, test); (F, update))`.
   */
  private insertInForHead(copy: t.ForStatement, inserts: t.Statement[]): void {
    if (!inserts.every((s) => t.isExpressionStatement(s))) return;
    const mks = new Set<string>();
    for (const s of inserts) {
      const e = (s as t.ExpressionStatement).expression;
      if (t.isAssignmentExpression(e) && t.isIdentifier(e.left)) mks.add(e.left.name);
    }
    const uses = (n: t.Node | null | undefined): boolean => {
      let found = false;
      if (n) t.traverseFast(n, (c) => {
        if (t.isIdentifier(c) && mks.has(c.name)) found = true;
      });
      return found;
    };
    const exprs = (): t.Expression[] => inserts.map((s) => t.cloneNode((s as t.ExpressionStatement).expression, true));
    if (copy.test && uses(copy.test)) copy.test = t.sequenceExpression([...exprs(), copy.test]);
    if (copy.update && uses(copy.update)) copy.update = t.sequenceExpression([...exprs(), copy.update]);
    if (copy.init && uses(copy.init)) {
      if (t.isVariableDeclaration(copy.init)) {
        copy.init.declarations.unshift(t.variableDeclarator(t.identifier(this.mod.fresh("$fz")), t.sequenceExpression([...exprs(), t.unaryExpression("void", t.numericLiteral(0))])));
      } else {
        copy.init = t.sequenceExpression([...exprs(), copy.init]);
      }
    }
  }

  /**
   * A compiled async function declaration is not a constructor (ModuleCtx.functionFactory
   * makes it a method): its binding becomes a `var` (at the top level; a `let` at the start
   * of its block inside blocks) assigned from its factory in the header (at the block's
   * start), so it is initialised before any code of the module (block) runs, as a hoisted
   * declaration is.
   */
  private moduleAsyncDecl(node: t.FunctionDeclaration, info: FnInfo): t.Statement {
    const name = (node.id as t.Identifier).name;
    const create = t.callExpression(t.identifier(this.mod.functionFactory(info)), [t.nullLiteral()]);
    if (this.isTopLevel(info.path)) {
      this.mod.addHeader(t.expressionStatement(t.assignmentExpression("=", t.identifier(name), create)));
      this.mod.addHeader(t.expressionStatement(t.callExpression(this.mod.m("binding"), [t.stringLiteral(name), t.identifier(name)])));
      return t.variableDeclaration("var", [t.variableDeclarator(t.identifier(name))]);
    }
    if (!this.mod.pendingFnRegs) throw this.mod.errors.error(node, "a function declaration here (not in a block or at the top level) is not supported; move it into a block");
    this.mod.pendingFnRegs.push(t.variableDeclaration("let", [t.variableDeclarator(t.identifier(name), create)]));
    return t.emptyStatement();
  }

  /**
   * `export default async function f(…) {…}`: `export default` needs a declaration, whose
   * binding an importer in a module cycle must find before this module's body runs, but
   * a function declaration is a constructor with a `prototype`. So the declaration stays,
   * as a stand-in with f's name and length, and the header replaces its binding (the
   * default export's, which is mutable) with the compiled async function, made as
   * moduleAsyncDecl makes it, before any code of the module runs:
   *   $m.closure($c0, $mk0); f = $mk0(null); $m.binding("f", f);
   *   export default function f($0) { if (new.target !== undefined) throw new TypeError("f is not a constructor"); return Reflect.apply($rt && f, this, arguments); }
   * The stand-in forwards to the live binding (an importer may have kept it during the
   * cycle) and throws as `new` of an async function does; called before the header ran,
   * it fails reading `$rt` as every compiled function called then does.
   */
  private moduleAsyncDefault(node: t.FunctionDeclaration, info: FnInfo): t.FunctionDeclaration {
    const name = node.id ? node.id.name : this.mod.fresh("$default");
    const create = t.callExpression(t.identifier(this.mod.functionFactory(info)), [t.nullLiteral()]);
    this.mod.addHeader(t.expressionStatement(t.assignmentExpression("=", t.identifier(name), create)));
    this.mod.addHeader(t.expressionStatement(t.callExpression(this.mod.m("binding"), [t.stringLiteral(node.id ? name : "default"), t.identifier(name)])));
    const params = Array.from({ length: expectedArgumentCount(node.params) }, (_, i) => t.identifier(`$${i}`));
    const shown = node.id ? name : "default";
    const standIn = t.functionDeclaration(t.identifier(name), params, t.blockStatement([
      t.ifStatement(
        t.binaryExpression("!==", t.metaProperty(t.identifier("new"), t.identifier("target")), t.identifier("undefined")),
        t.throwStatement(t.newExpression(t.identifier("TypeError"), [t.stringLiteral(`${shown} is not a constructor`)])),
      ),
      t.returnStatement(t.callExpression(t.memberExpression(t.identifier("Reflect"), t.identifier("apply")), [
        t.logicalExpression("&&", t.identifier(this.mod.rtName), t.identifier(name)), t.thisExpression(), t.identifier("arguments"),
      ])),
    ]));
    standIn.loc = node.loc ?? null;
    return standIn;
  }

  private moduleFunctionDecl(node: t.FunctionDeclaration, info: FnInfo): t.Statement {
    if (node.generator) return this.moduleGeneratorDecl(node, info);
    if (node.async && t.isExportDefaultDeclaration(info.path.parent)) return this.moduleAsyncDefault(node, info);
    if (node.async && node.id) return this.moduleAsyncDecl(node, info);
    let name = node.id ? node.id.name : "";
    let rename = false;
    if (!name) {
      name = this.mod.fresh("$default");
      rename = true;
    }
    const binding = node.id ? info.path.parentPath?.scope.getBinding(name) : undefined;
    const constant = rename || (binding?.constant ?? false);
    const self = constant ? name : this.mod.moduleVar(`$self_${name}`);
    const c = compileFunction(this.mod, {
      fn: info,
      selfName: self,
      name: rename ? "default" : name,
      params: node.params,
      body: node.body.body,
      source: node,
      returnMode: this.mod.returnMode(info),
    });
    const decl = t.functionDeclaration(t.identifier(name), c.params, c.body);
    decl.loc = node.loc ?? null;
    const regs: t.Statement[] = [];
    if (!constant) regs.push(t.expressionStatement(t.assignmentExpression("=", t.identifier(self), t.identifier(name))));
    if (rename) {
      regs.push(defineName(name, "default"));
    }
    regs.push(t.expressionStatement(t.callExpression(this.mod.m("fn"), [t.identifier(c.codeVar), t.identifier(name)])));
    this.placeRegistrations(node, info, regs, rename ? "default" : name, name);
    return decl;
  }

  /**
   * `function* g(a) {…}` at module level (protocol "Generators"): the declaration stays a
   * native generator function driving the compiled body, a hidden module variable set
   * (and linked) in the header, or at the start of the module-level block it stands in:
   *   function* g(a) { return yield* $rt.gen($gb_g, this, arguments); }
   *   $gb_g = $m.fn($c, function $gb_g(a) { …compiled… }); $m.gen(g, $gb_g);
   */
  private moduleGeneratorDecl(node: t.FunctionDeclaration, info: FnInfo): t.FunctionDeclaration {
    const name = (node.id as t.Identifier).name;
    const b = this.mod.moduleVar(`$gb_${name}`);
    const { bodyFn, codeVar } = this.mod.generatorBody(info, b, name, null);
    const w = this.mod.generatorWrapper(info, name, b).expr as t.FunctionExpression;
    const decl = t.functionDeclaration(t.identifier(name), w.params, w.body, true, node.async === true);
    decl.loc = node.loc ?? null;
    const regs: t.Statement[] = [
      t.expressionStatement(t.assignmentExpression("=", t.identifier(b), t.callExpression(this.mod.m("fn"), [t.identifier(codeVar), bodyFn]))),
      t.expressionStatement(t.callExpression(this.mod.m("gen"), [t.identifier(name), t.identifier(b)])),
    ];
    this.placeRegistrations(node, info, regs, name, name);
    return decl;
  }

  /**
   * Where a module-level function declaration's registrations go: the module header (with
   * its binding, for pickling by reference) at the top level, else the start of the
   * module-level block it stands in.
   */
  private placeRegistrations(node: t.Node, info: FnInfo, regs: t.Statement[], bindingName: string, name: string): void {
    if (this.isTopLevel(info.path)) {
      regs.push(t.expressionStatement(t.callExpression(this.mod.m("binding"), [t.stringLiteral(bindingName), t.identifier(name)])));
      for (const r of regs) this.mod.addHeader(r);
    } else if (this.mod.pendingFnRegs) {
      this.mod.pendingFnRegs.push(...regs);
    } else {
      throw this.mod.errors.error(node, "a function declaration here (not in a block or at the top level) is not supported; move it into a block");
    }
  }

  /** A compiled function or arrow expression at module level. */
  private moduleClosure(info: FnInfo): t.Expression {
    const node = info.node as t.FunctionExpression | t.ArrowFunctionExpression;
    const name = this.mod.analysis.inferred.get(node) ?? "";
    if (info.isArrow || node.generator || node.async || !this.mod.usableSelf(info, name)) {
      return t.callExpression(t.identifier(this.mod.functionFactory(info)), [t.nullLiteral()]);
    }
    const c = compileFunction(this.mod, {
      fn: info,
      selfName: name,
      name,
      params: node.params,
      body: t.isBlockStatement(node.body) ? node.body.body : node.body,
      source: node,
      returnMode: this.mod.returnMode(info),
    });
    const fnExpr = t.functionExpression(t.identifier(name), c.params, c.body);
    fnExpr.loc = node.loc ?? null;
    return t.callExpression(this.mod.m("fn"), [t.identifier(c.codeVar), fnExpr]);
  }

  private moduleClass(node: t.Class): t.Class {
    const keys: string[] = [];
    const host: ClassHost = {
      mod: this.mod,
      selfVar: (base) => this.mod.moduleVar(base),
      key: (_m, keyNode, i) => {
        const k = (keys[i] = this.mod.moduleVar("$k"));
        return t.assignmentExpression("=", t.identifier(k), this.mod.propKey(this.mapModule(keyNode) as t.Expression));
      },
      keyRef: (i) => t.identifier(keys[i] as string),
      plain: (n) => t.cloneNode(n, true),
      reserved: [],
    };
    const name = this.mod.analysis.inferred.get(node) || "<class>";
    const body = rewriteClassBody(host, node, name, null);
    const sup = node.superClass ? (this.mapModule(node.superClass) as t.Expression) : null;
    const id = node.id ? t.identifier(node.id.name) : null;
    const out = t.isClassDeclaration(node) ? t.classDeclaration(id, sup, body) : t.classExpression(id, sup, body);
    out.loc = node.loc ?? null;
    return out;
  }

  /** `($obj = { m() {…} }, $self = $m.fn($c, $obj.m), $obj)` */
  private moduleObject(node: t.ObjectExpression): t.Expression {
    const obj = this.mod.moduleVar("$obj");
    this.mod.objectHomes.set(node, obj);
    const regs: t.Expression[] = [];
    // Methods and accessors a later property replaces: no self lookup (overwrittenMembers).
    const overwritten = overwrittenMembers(node.properties);
    const hidden: t.ObjectMethod[] = [];
    const props = node.properties.map((p) => {
      const info = t.isObjectMethod(p) ? this.mod.analysis.fns.get(p) : undefined;
      if (!t.isObjectMethod(p) || !info || info.mode !== "compiled") return this.mapModule(p) as t.ObjectExpression["properties"][number];
      let key: t.Expression;
      let ref: t.Expression;
      if (p.computed) {
        const k = this.mod.moduleVar("$k");
        key = t.assignmentExpression("=", t.identifier(k), this.mod.propKey(this.mapModule(p.key) as t.Expression));
        ref = t.identifier(k);
      } else {
        key = t.cloneNode(p.key as t.Expression);
        ref = t.isIdentifier(p.key) ? t.stringLiteral(p.key.name) : t.cloneNode(p.key as t.Expression);
      }
      const self = this.mod.moduleVar(p.generator ? "$gb" : "$self");
      if (p.generator) {
        // As a class's generator method (emit/classes.ts generatorMethod): the compiled
        // body is a hidden method of the same literal (its home object: `super`), taken
        // out right after the literal is made, before any code can see it.
        const gk = this.mod.moduleVar("$gk");
        const { bodyFn, codeVar } = this.mod.generatorBody(info, self, this.mod.nameOf(info), null);
        hidden.push(t.objectMethod("method", t.assignmentExpression("=", t.identifier(gk), t.callExpression(t.identifier("Symbol"), [])), bodyFn.params, bodyFn.body, true));
        const at = (): t.MemberExpression => t.memberExpression(t.identifier(obj), t.identifier(gk), true);
        regs.push(t.assignmentExpression("=", t.identifier(self), t.callExpression(this.mod.m("fn"), [t.identifier(codeVar), at()])));
        regs.push(t.unaryExpression("delete", at()));
        if (!overwritten.has(p)) regs.push(ownValue(this.mod, t.identifier(obj), t.cloneNode(ref), t.identifier(self)));
        const w = wrapperParts(this.mod, info, self);
        return t.objectMethod("method", key, w.params, w.block, p.computed, true, p.async);
      }
      const c = compileFunction(this.mod, { fn: info, selfName: self, name: this.mod.nameOf(info), params: p.params, body: p.body.body, source: p, returnMode: "plain" });
      if (!overwritten.has(p)) {
        regs.push(t.assignmentExpression("=", t.identifier(self), this.mod.ownFn(c.codeVar, t.identifier(obj), ref, p.kind === "method" ? "value" : p.kind)));
        // (a later property with the same computed key may have replaced it: no self)
        if (p.async) regs.push(p.computed ? t.logicalExpression("&&", t.identifier(self), this.mod.asyncProtoExpr(t.identifier(self))) : this.mod.asyncProtoExpr(t.identifier(self)));
      }
      return t.objectMethod(p.kind, key, c.params, c.body, p.computed);
    });
    return t.sequenceExpression([t.assignmentExpression("=", t.identifier(obj), t.objectExpression([...props, ...hidden])), ...regs, t.identifier(obj)]);
  }

  /** The whole new program body. */
  build(program: NodePath<t.Program>): t.Statement[] {
    const body: t.Statement[] = [];
    for (const s of program.node.body) {
      body.push(this.mapModule(s) as t.Statement);
      const decl = t.isExportNamedDeclaration(s) || t.isExportDefaultDeclaration(s) ? s.declaration : s;
      if (t.isClassDeclaration(decl) && decl.id) {
        body.push(t.expressionStatement(t.callExpression(this.mod.m("binding"), [t.stringLiteral(decl.id.name), t.identifier(decl.id.name)])));
      }
      // Module-level variables pickle by reference too (API.md "Pickling"): a channel or
      // a table made at module level is the same object in the process that restores.
      // Registered once, as initialised; the runtime ignores primitives.
      if (t.isVariableDeclaration(decl)) {
        for (const d of decl.declarations) {
          if (t.isIdentifier(d.id) && d.init) {
            body.push(t.expressionStatement(t.callExpression(this.mod.m("binding"), [t.stringLiteral(d.id.name), t.identifier(d.id.name)])));
          }
        }
      }
    }
    if (this.mod.blockInserts.size) compilerBug("factories anchored at a scope that was not emitted");
    return [...this.mod.header(), ...body, ...this.mod.factoryDecls()];
  }
}

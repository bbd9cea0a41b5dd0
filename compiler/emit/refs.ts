/**
 * Rewriting variable references, `this`, `arguments` and `new.target` (protocol rule 10):
 * a non-captured local of a compiled function is its slot; a captured one is a member of
 * an environment record, reached from another function as `$o.$p….name` (one `.$p` per
 * hop from that function's creation env); everything else stays native.
 */
import * as t from "@babel/types";
import { compilerBug } from "../errors.js";
import type { BindingInfo, EnvInfo, EnvKey, FnInfo } from "../analysis/scope.js";
import type { FnEmitter } from "./emitter.js";
import type { ModuleCtx } from "./module.js";

export function refExpr(mod: ModuleCtx, ctx: FnInfo | null, em: FnEmitter | null, id: t.Identifier): t.Identifier | t.MemberExpression {
  const a = mod.analysis;
  if (a.nativeRefs.has(id)) return t.identifier(id.name);
  const b = a.bindingOf.get(id);
  if (!b || !b.owner || b.owner.mode === "plain" || b.native) return t.identifier(id.name);
  // Plain code of a split constructor (parameters, code before super) reads its own
  // bindings natively: the init method copies them into its slots or env.
  if (!em && b.owner === ctx) return t.identifier(id.name);
  return bindingRef(mod, ctx, em, b);
}

/** Where compiled binding `b` lives, as seen from `ctx`: its env member or its slot. */
export function bindingRef(mod: ModuleCtx, ctx: FnInfo | null, em: FnEmitter | null, b: BindingInfo): t.Identifier | t.MemberExpression {
  if (b.env) return envMember(mod, ctx, em, b.env, b);
  if (!em || em.fn !== b.owner) compilerBug(`reference to ${b.name} outside its function but not captured`);
  if (b.fnSelf) return em.ownName();
  return t.identifier(em.local(b));
}

/** `env.member` as seen from context `ctx` (emitted by `em` when ctx is compiled). */
export function envMember(mod: ModuleCtx, ctx: FnInfo | null, em: FnEmitter | null, env: EnvInfo, key: EnvKey): t.MemberExpression {
  const member = env.members.get(key);
  if (member === undefined) compilerBug("env member missing");
  const m = t.memberExpression(envRef(mod, ctx, em, env), t.identifier(member));
  mod.envRefs.add(m);
  return m;
}

/** The env record `env` itself, as seen from `ctx`. */
export function envRef(mod: ModuleCtx, ctx: FnInfo | null, em: FnEmitter | null, env: EnvInfo): t.Expression {
  if (em && env.owner === em.fn) return t.identifier(em.envVar(env));
  let expr: t.Expression = t.identifier(mod.oName);
  let e = ctx ? ctx.creationEnv : null;
  while (e && e !== env) {
    expr = t.memberExpression(expr, t.identifier("$p"));
    e = e.parent;
  }
  if (!e) compilerBug("env not on the creation chain");
  return expr;
}

/** A field initializer or static block (a context that is not a function). */
export function isElementCtx(node: t.Node): node is t.ClassProperty | t.ClassPrivateProperty | t.StaticBlock {
  return t.isClassProperty(node) || t.isClassPrivateProperty(node) || t.isStaticBlock(node);
}

/**
 * Compiled code of `fn` stands outside its class body's methods, so `super` there means
 * nothing: an arrow (built by a factory) or a field initializer / static block (a
 * function called from where the element stands). Reads and calls of `super.x` become
 * `Reflect.get(Object.getPrototypeOf(home), key, this)` (ModuleCtx.superBase).
 */
export function emulatesSuper(fn: FnInfo): boolean {
  return fn.isArrow || isElementCtx(fn.node);
}

/** The non-arrow function whose `this` an arrow at `ctx` sees (null: module level). */
export function thisOwner(ctx: FnInfo | null): FnInfo | null {
  let f = ctx;
  while (f && f.isArrow) f = f.parent;
  return f;
}

export function thisExpr(mod: ModuleCtx, ctx: FnInfo | null, em: FnEmitter | null): t.Expression {
  const owner = thisOwner(ctx);
  if (!owner) return t.identifier("undefined");
  if (owner === ctx || owner.mode === "plain" || !owner.fnEnv) return t.thisExpression();
  return envMember(mod, ctx, em, owner.fnEnv, "$this");
}

export function argumentsExpr(mod: ModuleCtx, ctx: FnInfo | null, em: FnEmitter | null): t.Expression {
  const owner = thisOwner(ctx);
  if (!owner || owner.mode === "plain") return t.identifier("arguments");
  if (owner === ctx) {
    // Captured by an arrow (which may assign it, in sloppy code): one binding, the env's.
    if (em && owner.capArgs && owner.fnEnv && owner.fnEnv.members.has("$args")) return envMember(mod, ctx, em, owner.fnEnv, "$args");
    if (em && em.argsVar) return t.identifier(em.argsVar);
    return t.identifier("arguments");
  }
  if (!owner.fnEnv) compilerBug("captured arguments without env");
  return envMember(mod, ctx, em, owner.fnEnv, "$args");
}

export function newTargetExpr(mod: ModuleCtx, ctx: FnInfo | null, em: FnEmitter | null): t.Expression {
  const owner = thisOwner(ctx);
  if (!owner || owner.mode === "plain") return t.metaProperty(t.identifier("new"), t.identifier("target"));
  if (owner === ctx) {
    if (em && em.ntVar) return t.identifier(em.ntVar);
    return t.metaProperty(t.identifier("new"), t.identifier("target"));
  }
  if (!owner.fnEnv) compilerBug("captured new.target without env");
  return envMember(mod, ctx, em, owner.fnEnv, "$newTarget");
}

/**
 * The two halves of a compiled generator, sync or async (protocol "Generators", "Async
 * generators"): the native wrapper the source made and the parameters of the compiled
 * body it drives.
 *
 * Invariants
 * - The wrapper has the source's parameters (copied as plain code), so `length`, the
 *   parameter scope, defaults, patterns, their dead zone and their errors all happen
 *   natively, at the call, before the first next().
 * - Simple parameters (identifiers, a rest identifier): the body has the same parameters
 *   and gets the wrapper's `arguments`, as a function* declaration always did.
 * - Other parameters: the body's parameters are the bindings the wrapper's bound, in
 *   order (then the wrapper's `arguments` object, when the body reads `arguments`), and
 *   the wrapper hands their values over: `$rt.gen(body, this, [a, b, c, arguments])`.
 *   select.ts compiles such a generator only when no closure can see the parameter
 *   scope, so the body's copies are the only bindings of those names.
 */
import * as t from "@babel/types";
import type { BindingInfo, FnInfo } from "../analysis/scope.js";
import { compilerBug } from "../errors.js";
import { isSimpleParams } from "../analysis/meta.js";
import type { BoundParams } from "./frame.js";
import { asyncGeneratorBlock } from "./async-generators.js";
import type { ModuleCtx } from "./module.js";

type GenNode = t.FunctionDeclaration | t.FunctionExpression | t.ObjectMethod | t.ClassMethod | t.ClassPrivateMethod;

/** The compiled body's parameters (FnSpec.params). */
export function bodyParams(mod: ModuleCtx, info: FnInfo): ReadonlyArray<t.Node> | BoundParams {
  const node = info.node as GenNode;
  if (isSimpleParams(node.params)) return node.params;
  return { bindings: boundBindings(mod, node), newTarget: false, args: info.usesArgs || info.capArgs };
}

function boundBindings(mod: ModuleCtx, node: GenNode): BindingInfo[] {
  const out: BindingInfo[] = [];
  for (const p of node.params) {
    for (const id of Object.values(t.getBindingIdentifiers(p as t.Node, false)).flat()) {
      const b = mod.analysis.bindingOf.get(id as t.Identifier);
      if (!b) compilerBug(`generator parameter ${(id as t.Identifier).name} without binding`);
      if (!out.includes(b)) out.push(b);
    }
  }
  return out;
}

/**
 * The wrapper's parameters and body:
 *   (params) { return yield* $rt.gen(<body>, this, arguments | [bound…]); }
 */
export function wrapperParts(mod: ModuleCtx, info: FnInfo, body: string): { params: t.FunctionExpression["params"]; block: t.BlockStatement } {
  const node = info.node as GenNode;
  const simple = isSimpleParams(node.params);
  // Plain code of the generator's own context: its parameters read themselves natively.
  const params = node.params.map((p) => (simple ? t.cloneNode(p, true) : mod.mapPlain(p as t.Node, info))) as t.FunctionExpression["params"];
  let args: t.Expression = t.identifier("arguments");
  if (!simple) {
    const values: t.Expression[] = boundBindings(mod, node).map((b) => t.identifier(b.name));
    if (info.usesArgs || info.capArgs) values.push(t.identifier("arguments"));
    args = t.arrayExpression(values);
  }
  if (node.async) return { params, block: asyncGeneratorBlock(mod.rtName, body, args) };
  const run = t.callExpression(mod.rt("gen"), [t.identifier(body), t.thisExpression(), args]);
  return { params, block: t.blockStatement([t.returnStatement(t.yieldExpression(run, true))]) };
}

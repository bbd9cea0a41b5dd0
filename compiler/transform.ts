/**
 * The passes, in order (written once, here):
 *   1. analysis/scope.ts  contexts, bindings, captures, environment records (select.ts
 *      decides which contexts compile);
 *   2. emit/module.ts     the module body is copied with each compiled function replaced
 *      by its tasklet form (emit/frame.ts), which ANF-lowers and dispatches its body in one
 *      walk (emit/statements.ts, expressions.ts, control.ts); closures become factories.
 * The input AST is never modified: the output is built from fresh and cloned nodes.
 */
import type * as t from "@babel/types";
import type { NodePath } from "@babel/traverse";
import { analyze } from "./analysis/scope.js";
import { moduleIdFor } from "./code-id.js";
import { CompileErrors, type FrameErrorSource } from "./errors.js";
import { ModuleCtx } from "./emit/module.js";
import { buildProgram } from "./emit/program.js";
import type { CompilerOptions } from "./options.js";

export function transformProgram(program: NodePath<t.Program>, opts: CompilerOptions, file: FrameErrorSource & { code: string }, filename: string | undefined): void {
  const errors = new CompileErrors(file);
  program.scope.crawl();
  const analysis = analyze(program, errors, opts.unsupported);
  const moduleId = opts.moduleId ?? moduleIdFor(filename, opts.root);
  const mod = new ModuleCtx(analysis, opts, errors, file.code, moduleId, program.node.sourceType === "script");
  const body = buildProgram(mod, program);
  program.node.body = body;
}

/**
 * The two kinds of compiler error (STYLE habit 4):
 * - a user mistake or an unsupported construct: `CompileErrors.error(node, msg)`, a Babel
 *   code-frame error pointing at the source, whose message names the construct and says
 *   what to do instead;
 * - a broken invariant inside the compiler: `compilerBug(msg)`, fatal, asks for a report.
 */
import type * as t from "@babel/types";

/** What Babel's File offers for code frames (missing from @types/babel__core). */
export interface FrameErrorSource {
  buildCodeFrameError(node: t.Node, msg: string, ErrorClass?: new (msg: string) => Error): Error;
}

export class CompileErrors {
  constructor(private readonly file: FrameErrorSource) {}

  /** An error at `node`, prefixed so users know which tool complains. */
  error(node: t.Node, msg: string): Error {
    return this.file.buildCodeFrameError(node, `stackless-ts: ${msg}`);
  }
}

export function compilerBug(msg: string): never {
  throw new Error(`Internal compiler error (stackless-ts): ${msg}. Please report this as a bug.`);
}

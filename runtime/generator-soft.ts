/**
 * The soft path of compiled generators: `gen.next(v)`, `gen.return(v)`, `gen.throw(e)`
 * called from tasklet code (a call site, or the iterator steps of a compiled for-of)
 * reach the compiled body directly instead of going through the native generator, which
 * is plain code (a switch under it would be hard). runtime/soft.ts hands these out for
 * `%GeneratorPrototype%.next/return/throw` when the receiver is a compiled generator.
 *
 * Hand-written in the compiler's frame shape (docs/frame-protocol.md), as events.ts's
 * asyncCallOp: called directly (rt.callee === itself), it calls the body directly too,
 * or resumes the body's record inline (generator.ts runBody, shared with async
 * generators' steps).
 * If the body unwinds for a switch, it saves a `resumeGenerator` record below the body's;
 * the trampoline later resumes that with what the body completed with (YIELDED, its
 * return value or its exception). The state record (runtime/generator.ts) holds
 * everything, so the native driver and this path may alternate on one generator.
 */
import { rt, takeYield } from "./protocol.js";
import { enter, finish, GeneratorPrototype, linkedState, Resume, runBody, settle, stateOf } from "./generator.js";

const nativeNext = GeneratorPrototype.next;
const nativeReturn = GeneratorPrototype.return;
const nativeThrow = GeneratorPrototype.throw;

function softNext(this: unknown, value?: unknown): unknown {
  if (rt.callee !== softNext) return nativeNext.call(this, value);
  return step(this, Resume.Next, value, nativeNext);
}

function softReturn(this: unknown, value?: unknown): unknown {
  if (rt.callee !== softReturn) return nativeReturn.call(this, value);
  return step(this, Resume.Return, value, nativeReturn);
}

function softThrow(this: unknown, error?: unknown): unknown {
  if (rt.callee !== softThrow) return nativeThrow.call(this, error);
  return step(this, Resume.Throw, error, nativeThrow);
}

function step(gen: unknown, kind: Resume, value: unknown, native: Function): unknown {
  rt.callee = null;
  const state = stateOf(gen);
  if (state === null) return native.call(gen, value);
  const early = enter(state, kind, value);
  if (early !== undefined) return early;
  const depth = rt.depth;
  let r: unknown;
  try {
    r = runBody(state, value, kind === Resume.Throw, kind === Resume.Return);
  } catch (e) {
    rt.genReturn = false;
    rt.depth = depth;
    finish(state);
    throw e;
  }
  rt.genReturn = false;
  if (rt.unwinding) {
    // A switch inside the body: its frames are saved above ours.
    if (!rt.yielding) return rt.save(resumeGenerator as never, 1, gen, []);
    r = takeYield();
  }
  rt.depth = depth;
  return settle(state, r);
}

/** The record a soft step leaves below its body's frames when they unwind for a switch. */
function resumeGenerator(this: unknown): unknown {
  if (rt.callee !== rt.RESUME) throw new TypeError("resumeGenerator is not a function to call");
  // The record's `this` is the generator object (linked to its state record: pickles).
  const state = linkedState(this as object)!;
  rt.callee = null;
  let r: unknown;
  try {
    r = rt.take();
  } catch (e) {
    finish(state);
    throw e;
  }
  return settle(state, r);
}

const $m = rt.module("stackless-ts/runtime/generator-soft");
const codeInfo = (name: string, vars: string[], pcs: number[]) => ({ id: `stackless-ts/runtime/generator-soft#${name}`, name, hash: "runtime", vars, pcs, line: 0, column: 0 });
// pcs: the entry and the one resume point (unpickling checks a record's pc against them).
$m.fn($m.code(codeInfo("resumeGenerator", [], [0, 0, 0, 0])), resumeGenerator);
// The soft methods may sit in a frame slot (a for-of's `next`): they pickle as code too.
$m.fn($m.code(codeInfo("next", [], [0, 0])), softNext);
$m.fn($m.code(codeInfo("return", [], [0, 0])), softReturn);
$m.fn($m.code(codeInfo("throw", [], [0, 0])), softThrow);

/** runtime/soft.ts: the soft version of a %GeneratorPrototype% method, or undefined. */
export const softGeneratorMethods = new Map<Function, Function>([
  [nativeNext, softNext],
  [nativeReturn, softReturn],
  [nativeThrow, softThrow],
]);

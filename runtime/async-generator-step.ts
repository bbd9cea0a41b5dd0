/**
 * Where a compiled async generator's body runs (runtime/async-generator.ts `stepHooks`):
 * each step (from one request of the body to the next) runs in a tasklet of its own,
 * started at once as Tasklet.run() does (as rt.spawn starts a compiled async function).
 * Its bottom frame `agenStep`, hand-written in the compiler's shape (as events.ts's
 * asyncCallOp), calls the body directly, so a switch inside the body (a channel, sleep,
 * schedule) is soft: the body's frames unwind into that tasklet's records, which pickle.
 *
 * Invariants
 * - A step that does not block finishes inside `t.run()`: the wrapper gets its request
 *   synchronously, so a body that never blocks on tasklet operations keeps every tick
 *   native. Only a step that blocked answers PENDING, and the wrapper then awaits `s.v`,
 *   a promise of the request (or of the body's exception), which native code could not
 *   have (it cannot block).
 * - The step's tasklet holds the state record (its frame's `self`); the state is Running
 *   meanwhile. `pending` is set only while a PENDING step is outstanding.
 * - Where no hard switch is possible (Tasklet.run refuses), the step runs as a nested
 *   segment instead (the default hook), as before.
 */
import { rt, takeYield } from "./protocol.js";
import { AsyncGeneratorState, PENDING, stepHooks } from "./async-generator.js";
import { runBody } from "./generator.js";
import { Tasklet } from "./tasklet.js";
import { sched } from "./scheduler.js";
import { RuntimeError } from "./errors.js";
import { State } from "./state.js";
import { kick } from "./events.js";
import { registerPickler } from "./pickle/index.js";

const nestedRun = stepHooks.run;

/** The promise side of a step that blocked. Pickles detached (nobody awaits it there). */
class StepSettle {
  constructor(
    readonly resolve: (op: number) => void,
    readonly reject: (e: unknown) => void,
  ) {}
}
const detached = new StepSettle(
  () => undefined,
  (e) => {
    throw e;
  },
);
registerPickler(StepSettle, { name: "stackless-ts:AgenStepSettle", reduce: () => 0, restore: () => detached });

/** What a step's tasklet finished with, when it finished inside `t.run()`. */
interface Outcome {
  done: boolean;
  value: unknown;
  threw: boolean;
  settle: StepSettle | null;
}

/**
 * The bottom frame of a step's tasklet: runs the body from its start or resumes its
 * record inline (generator.ts runBody, as a sync generator's soft step does), and hands
 * what it completed with to `out` (or, once the step blocked, to the settle: the
 * request's Op).
 */
function agenStep(this: unknown, s: AsyncGeneratorState, value: unknown, threw: boolean, ret: boolean, out: Outcome): unknown {
  let $pc = 0;
  if (rt.callee !== agenStep) {
    if (rt.callee !== rt.RESUME) return rt.nested(agenStep, this, arguments, undefined);
    const f = rt.frame!;
    $pc = f.pc;
    s = f.vars[0] as AsyncGeneratorState;
    out = f.vars[4] as Outcome;
  }
  rt.callee = rt.NOBODY;
  let r: unknown;
  try {
    if ($pc === 1) {
      r = rt.take();
    } else {
      r = runBody(s, value, threw, ret);
      rt.genReturn = false;
      if (rt.unwinding) {
        // A switch inside the body: its frames are saved above ours.
        if (!rt.yielding) return rt.save(agenStep as never, 1, undefined, [s, undefined, false, false, out]);
        r = takeYield();
      }
    }
  } catch (e) {
    rt.genReturn = false;
    finishStep(s, out, e, true);
    return undefined;
  }
  finishStep(s, out, r, false);
  return undefined;
}
const $m = rt.module("stackless-ts/runtime/async-generator-step");
// pcs: the entry and the one resume point (unpickling checks a record's pc against them).
$m.fn($m.code({ id: "stackless-ts/runtime/async-generator-step#agenStep", name: "agenStep", hash: "runtime", vars: ["s", "value", "threw", "ret", "out"], pcs: [0, 0, 0, 0], line: 0, column: 0 }), agenStep);

function finishStep(s: AsyncGeneratorState, out: Outcome, value: unknown, threw: boolean): void {
  const settle = out.settle;
  if (settle === null) {
    out.done = true;
    out.value = value;
    out.threw = threw;
    return;
  }
  if (threw) {
    s.fail();
    settle.reject(value);
    return;
  }
  let op: number;
  try {
    op = s.settle(value);
  } catch (e) {
    settle.reject(e);
    return;
  }
  settle.resolve(op);
}

function runStep(s: AsyncGeneratorState, frame: unknown, value: unknown, threw: boolean, ret: boolean): unknown {
  // The record goes back where the step's frame finds it.
  s.frame = frame as AsyncGeneratorState["frame"];
  const out: Outcome = { done: false, value: undefined, threw: false, settle: null };
  const t = new Tasklet(agenStep as never).setup(s, value, threw, ret, out);
  rt.callee = rt.NOBODY;
  try {
    t.run();
  } catch (e) {
    if (!(e instanceof RuntimeError) || t.frameState !== State.Initial) throw e;
    // No hard switch possible here: run the body nested, as without tasklets.
    t.kill();
    s.frame = null;
    return nestedRun(s, frame as AsyncGeneratorState["frame"], value, threw, ret);
  }
  // Whatever the body left runnable (or the step itself, blocked) runs from the event
  // loop even if nobody drives the scheduler (as rt.spawn from plain code). A step that
  // finished and left nothing else runnable needs no driver.
  if (!out.done || sched.runcount > 1) kick();
  if (out.done) {
    if (out.threw) throw out.value;
    return out.value;
  }
  s.v = new Promise<number>((resolve, reject) => {
    out.settle = new StepSettle(resolve, reject);
  });
  return PENDING;
}

stepHooks.run = runStep;

/**
 * `--save PATH` inside the process that runs the program (run, resume): stop at the next
 * switch point on SIGINT/SIGTERM and pickle every tasklet to PATH; also save them when
 * the scheduler ends with tasklets still waiting.
 *
 * How a stop happens
 * 1. requestStop(signal) is called by this process's own signal handler (when its event
 *    loop runs) or, while the main thread is busy in a tasklet, by the control worker
 *    through the inspector (control-worker.ts). It only sets flags: `requestTick()` makes
 *    compiled code call rt.tick() at its next function entry or loop iteration, in every
 *    tasklet from now on; and a setImmediate stops at once if the event loop runs first
 *    (then no tasklet is running).
 * 2. Our tick hook, in front of the watchdog's: in a tasklet that can switch softly
 *    (direct tick, nesting 0, not main, not atomic) it runs a *stopper* tasklet with
 *    Tasklet.run(): the current tasklet unwinds into frame records and stays runnable,
 *    first in the queue after the stopper. Anywhere else it waits for the next tick.
 * 3. The stopper (plain code, current, so snapshot() leaves it out, as it leaves main
 *    out) pickles every other tasklet, writes PATH, prints one line, exits 130/143.
 *    While some tasklet waits on a promise (not picklable) it only ends, the program
 *    goes on, and the stop is tried again after the event loop turned.
 */
import { Worker } from "node:worker_threads";
import { constants } from "node:os";
import type { Runtime } from "./runtime.js";
import { CODE, savableTasklets } from "./runtime.js";
import { writeSnapshot } from "./snapshot-file.js";

/** Symbol.for(STOP_KEY) on globalThis: the function the control worker calls. */
const STOP_KEY = "stackless-ts.cli.requestStop";
const STOP_SIGNALS = ["SIGINT", "SIGTERM"] as const;

export interface SaveOptions {
  /** where the snapshot goes, as the user wrote it */
  path: string;
  /** fd of the supervisor's control pipe (cli/supervise.ts), or null */
  controlFd: number | null;
  /** module id of the program's main file (`run`): resuming it would run its top level again */
  mainModule: string | null;
}

interface StopState {
  signal: NodeJS.Signals | null;
  /** a stopper or the idle stop has begun: nothing else may */
  started: boolean;
}

let state: StopState | null = null;
let runtime: Runtime | null = null;
let options: SaveOptions | null = null;

/** Exit status of a program stopped by `signal`, as a shell reports one killed by it. */
export function signalStatus(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 15);
}

export function installStop(rt: Runtime, save: SaveOptions): void {
  runtime = rt;
  options = save;
  state = { signal: null, started: false };
  (globalThis as Record<symbol, unknown>)[Symbol.for(STOP_KEY)] = requestStop;
  for (const signal of STOP_SIGNALS) process.on(signal, () => requestStop(signal));
  const next = rt.protocol.installHooks({ tick });
  // requestStop may run inside a V8 interrupt, in the middle of a call-free loop.
  rt.protocol.asyncTicks(true);
  previousTick = next.tick;
  if (save.controlFd !== null) {
    const worker = new Worker(new URL("./control-worker.js", import.meta.url), {
      workerData: { fd: save.controlFd, key: STOP_KEY },
      stdout: true,
      stderr: true,
    });
    worker.unref();
    worker.on("error", () => undefined);
  }
}

let previousTick: (direct: boolean) => unknown = () => undefined;

/** Flags only: it may run inside a V8 interrupt, anywhere in the program. */
function requestStop(signal: unknown): void {
  if (state === null || runtime === null || state.signal !== null) return;
  state.signal = signal === "SIGINT" ? "SIGINT" : "SIGTERM";
  runtime.watchdog.requestTick(true);
  setImmediate(stopWhileIdle);
}

/** On the event loop: no tasklet is running now, main is current. */
function stopWhileIdle(): void {
  if (state === null || runtime === null || state.started) return;
  if (waitsOnPromises(runtime)) {
    // Stop once the promise settled and its tasklet runs on (its next tick).
    runtime.watchdog.requestTick(true);
    return;
  }
  state.started = true;
  finish("interrupted");
}

/**
 * A tasklet waiting on a promise cannot be pickled (API.md): the stop waits until no
 * tasklet does. Then ticks stay off until the event loop turns (the promises can only
 * settle then), so that a retry costs one stopper per turn, not one per tick.
 */
function waitsOnPromises(rt: Runtime): boolean {
  return savableTasklets(rt).some((t) => t.externalWait !== null && t.externalWait.reason === "promise");
}

function retryLater(): void {
  if (state === null || runtime === null) return;
  state.started = false;
  runtime.watchdog.requestTick(false);
  setImmediate(stopWhileIdle);
}

function tick(direct: boolean): unknown {
  if (state === null || runtime === null || state.signal === null || state.started) return previousTick(direct);
  const { api, protocol } = runtime;
  const cur = api.getCurrent();
  if (!direct || protocol.rt.nesting !== 0 || cur.isMain || cur.atomic) {
    // Not a soft switch point of a tasklet that may be switched out: try at the next one.
    // (The watchdog is not asked: with the budget forced to -1 it would take any tick
    // for an expired slice.)
    protocol.rt.budget = -1;
    return undefined;
  }
  state.started = true;
  const stopper = new api.Tasklet();
  stopper.bind(() => (waitsOnPromises(runtime!) ? retryLater() : finish("interrupted")), []);
  // Tasklet.run() switches softly only when called as a compiled call site would call it.
  protocol.rt.callee = api.Tasklet.prototype.run;
  return stopper.run();
}

/**
 * After the scheduler ran out of runnable tasklets: if some still wait (on a channel
 * nobody feeds, or paused), save them. Returns the exit status; exits the process
 * itself if a stop was requested meanwhile.
 */
export function saveIfWaiting(): number {
  if (state === null || runtime === null) return 0;
  if (state.signal !== null) {
    if (!state.started) {
      state.started = true;
      finish("interrupted");
    }
    return signalStatus(state.signal);
  }
  if (savableTasklets(runtime).length === 0) return 0;
  return save("waiting") ? 0 : 1;
}

function finish(why: "interrupted"): never {
  runtime?.watchdog.requestTick(false);
  const ok = save(why);
  process.exit(ok ? signalStatus(state?.signal ?? "SIGTERM") : 1);
}

/** snapshot() to the file, one line on stderr; false (with the reason printed) if it failed. */
function save(why: "interrupted" | "waiting"): boolean {
  const rt = runtime!;
  const path = options!.path;
  const tasklets = savableTasklets(rt);
  const head = why === "interrupted" ? `stackless: ${state?.signal ?? "signal"}: stopped at a switch point` : `stackless: the scheduler ran out of runnable tasklets`;
  let bytes: Uint8Array;
  try {
    bytes = rt.api.snapshot();
    writeSnapshot(path, bytes);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${head}, but the tasklets cannot be saved to ${path}: ${message}\n`);
    return false;
  }
  const count = `${tasklets.length} tasklet${tasklets.length === 1 ? "" : "s"}`;
  const what = why === "interrupted" ? count : `${count} still waiting (${describeWaits(tasklets)})`;
  process.stderr.write(`${head}; ${what} saved to ${path} (${bytes.length} bytes). Continue with: stackless resume ${path}\n`);
  const main = options!.mainModule;
  if (main !== null && tasklets.some((t) => usesModule(t, main))) {
    process.stderr.write(
      `stackless: note: the snapshot holds tasklet code of ${main}, the program's main module: \`stackless resume\` ` +
        `imports it, which runs its top level again. Move the tasklets' functions to a module whose top level starts nothing.\n`,
    );
  }
  return true;
}

function usesModule(t: ReturnType<typeof savableTasklets>[number], moduleId: string): boolean {
  for (let f = t.frame; f !== null; f = f.back) if (f.fileName === moduleId) return true;
  const code = (t.boundFunc as { [CODE]?: { module: { id: string } } } | null)?.[CODE];
  return code?.module.id === moduleId;
}

function describeWaits(tasklets: ReturnType<typeof savableTasklets>): string {
  const parts = tasklets.slice(0, 3).map((t) => {
    const ch = t.blockedOn;
    if (ch !== null) return `tasklet ${t.id} ${t.blockedDir > 0 ? "sending on" : "receiving on"} channel ${ch.id}`;
    return `tasklet ${t.id} ${t.blocked ? `waiting on ${t.describeBlock()}` : "paused"}`;
  });
  if (tasklets.length > 3) parts.push(`${tasklets.length - 3} more`);
  return parts.join(", ");
}

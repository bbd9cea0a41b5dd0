/**
 * `stackless-ts/capi`: Stackless Python's C-API (Include/stackless_api.h of Stackless
 * 3.7), one export per C function, same names, same argument order, same return codes.
 * A thin layer over the idiomatic API (runtime/index.ts): it adds only the C
 * conventions, never scheduling logic of its own. docs/capi.md maps every function.
 *
 * Conventions (API.md "stackless-ts/capi")
 * - `int` results: 0 success, -1 failure; the `_nr` forms and the functions the seed
 *   documents as ternary (RaiseException, Throw, Kill, KillEx): 1 soft switched,
 *   0 hard switched (or no switch at all), -1 failure.
 * - Object results: the object, or `null` (C's NULL) on failure. Python's `None` is
 *   `undefined`. Getters and predicates return the numbers 1/0.
 * - A failure never throws: its error is kept for PyErr_Occurred / PyErr_Fetch /
 *   PyErr_Clear, as CPython keeps it in the thread state. A successful call leaves a
 *   pending error alone, as in C.
 *
 * Soft switching (the `_nr` forms). C passes "the caller can take Py_UnwindToken" in
 * `_PyStackless_TRY_STACKLESS`; here the frame protocol's `rt.callee` plays that part:
 * a compiled call site sets `rt.callee` to the function it calls. When an `_nr` form
 * (or a ternary one) was called directly from tasklet code, it hands that status to
 * the primitive it wraps, so the primitive may soft-switch. The `_nr` call then
 * unwinds with the tasklet's frames and, once the tasklet resumes, evaluates to 1
 * (int forms) or Py_UnwindToken (object forms); the value the switch delivered is
 * then the current tasklet's `tempval`; an error it resumes with (kill, throw,
 * sendThrow) is thrown at the call site, as Stackless delivers it to the frame and not
 * to the C function, which had returned. From plain code (or nested) they hard-switch
 * and return 0, or the value, or the failure code. Every other form always hard-switches.
 */
import { rt } from "./protocol.js";
import { Tasklet, type TaskletFunction } from "./tasklet.js";
import { Channel } from "./channel.js";
import { schedule, scheduleRemove, getRunCount, getCurrent, getCurrentId, run, callMain } from "./api.js";
import { setChannelCallback, setScheduleCallback, setScheduleFastCallback, type ChannelCallback, type ScheduleCallback } from "./callbacks.js";
import { wd } from "./watchdog.js";
import type { Frame } from "./frame.js";
import { callWith, constructWith, joinLists } from "./lists.js";

// ---------------------------------------------------------------------------------
// Constants.

/** The value an object-returning `_nr` call evaluates to after a soft switch. */
export const Py_UnwindToken: object = Object.freeze({ toString: () => "[Py_UnwindToken]" });

/** 1 if `obj` is Py_UnwindToken, otherwise 0 (the header's macro). */
export function STACKLESS_UNWINDING(obj: unknown): 0 | 1 {
  return obj === Py_UnwindToken ? 1 : 0;
}

/**
 * Flags of PyStackless_RunWatchdogEx, with the header's values. The header spells them
 * `Py_WATCHDOG_THREADBLOCK` and `PY_WATCHDOG_*` for the others, the docs `Py_WATCHDOG_*`
 * (and TIMEOUT for TOTALTIMEOUT): each flag is exported in both casings and every name,
 * so code ported from either compiles.
 */
export const Py_WATCHDOG_THREADBLOCK = 1;
export const PY_WATCHDOG_THREADBLOCK = 1;
export const Py_WATCHDOG_SOFT = 2;
export const PY_WATCHDOG_SOFT = 2;
export const Py_WATCHDOG_IGNORE_NESTING = 4;
export const PY_WATCHDOG_IGNORE_NESTING = 4;
export const Py_WATCHDOG_TIMEOUT = 8;
export const PY_WATCHDOG_TIMEOUT = 8;
export const Py_WATCHDOG_TOTALTIMEOUT = 8;
export const PY_WATCHDOG_TOTALTIMEOUT = 8;

/** The type objects: PyTasklet_Type and PyChannel_Type are the classes. */
export const PyTasklet_Type = Tasklet;
export const PyChannel_Type = Channel;

type Ternary = 1 | 0 | -1;
type Status = 0 | -1;
type Flag = 0 | 1;
type TaskletClass = new (fn?: TaskletFunction | null) => Tasklet;
type ChannelClass = new () => Channel<unknown>;
type ExceptionClass = new (...args: any[]) => unknown;

// ---------------------------------------------------------------------------------
// The error indicator (CPython's PyErr_*), kept per process: one thread of tasklets.

let errSet = false;
let errValue: unknown = undefined;

function fail<R>(error: unknown, result: R): R {
  errSet = true;
  errValue = error;
  return result;
}

function typeOf(value: unknown): unknown {
  return Object(value).constructor ?? Object;
}

/** The class of the pending error, or null if none (C's NULL). */
export function PyErr_Occurred(): unknown {
  return errSet ? typeOf(errValue) : null;
}

/**
 * Takes the pending error: `[type, value, traceback]` (the class, the thrown value and
 * its `stack` string), or `[null, null, null]`; the indicator is then clear.
 */
export function PyErr_Fetch(): [unknown, unknown, unknown] {
  if (!errSet) return [null, null, null];
  const v = errValue;
  PyErr_Clear();
  const stack = typeof v === "object" && v !== null ? (v as { stack?: unknown }).stack : undefined;
  return [typeOf(v), v, typeof stack === "string" ? stack : null];
}

/** Sets the pending error again (after PyErr_Fetch); `value` is what was thrown. */
export function PyErr_Restore(type: unknown, value: unknown, _traceback?: unknown): void {
  if (type === null || type === undefined) {
    PyErr_Clear();
    return;
  }
  errSet = true;
  errValue = value;
}

/** Clears the pending error. */
export function PyErr_Clear(): void {
  errSet = false;
  errValue = undefined;
}

// ---------------------------------------------------------------------------------
// Calling the idiomatic API under the C conventions.

function flag(v: unknown): Flag {
  return v ? 1 : 0;
}

function status(action: () => unknown): Status {
  rt.callee = rt.NOBODY;
  try {
    action();
    return 0;
  } catch (e) {
    return fail(e, -1);
  }
}

function object<R>(action: () => R): R | null {
  rt.callee = rt.NOBODY;
  try {
    return action();
  } catch (e) {
    return fail(e, null);
  }
}

/**
 * Runs `action`, which calls the switching method `primitive` as its last act. If
 * `entry` (the C-API function) was called directly from tasklet code, the primitive
 * sees a direct call and may soft-switch: then this returns rt.UNWIND with
 * rt.unwinding set (the compiled caller saves its frame), and the call evaluates to
 * `softResult` when the tasklet resumes (an error it resumes with is thrown there).
 * Otherwise returns `{ value }`, or `failResult` with the error kept.
 */
function maySoftSwitch<S, F>(entry: unknown, primitive: unknown, softResult: S, failResult: F, action: () => unknown): { value: unknown } | S | F | typeof UNWOUND {
  const direct = rt.callee === entry;
  const cur = getCurrent();
  if (direct) {
    cur.resumeHook = (delivered, threw) => {
      // The C function returned Py_UnwindToken long ago: as in Stackless, an error the
      // tasklet resumes with (kill, throw, sendThrow) goes to the frame, i.e. is thrown.
      if (threw) throw delivered;
      cur.tempval = delivered;
      return softResult;
    };
  }
  rt.callee = direct ? primitive : rt.NOBODY;
  try {
    const value = action();
    if (rt.unwinding) return UNWOUND;
    return { value };
  } catch (e) {
    return fail(e, failResult);
  } finally {
    if (direct && !rt.unwinding) cur.resumeHook = null;
  }
}

const UNWOUND = { unwound: true } as const;

/** The int `_nr` convention over maySoftSwitch. */
function ternary(entry: unknown, primitive: unknown, action: () => unknown): Ternary {
  const r = maySoftSwitch(entry, primitive, 1 as const, -1 as const, action);
  if (r === UNWOUND) return rt.UNWIND as Ternary; // the compiled caller returns rt.save(...)
  if (r === -1) return -1;
  return 0;
}

/** The object `_nr` convention over maySoftSwitch. */
function ternaryObject(entry: unknown, primitive: unknown, action: () => unknown): unknown {
  const r = maySoftSwitch(entry, primitive, Py_UnwindToken, null, action);
  if (r === UNWOUND) return rt.UNWIND;
  if (r === null) return null;
  return (r as { value: unknown }).value;
}

function checkKeywords(kwds: Record<string, unknown> | null | undefined): void {
  if (kwds !== null && kwds !== undefined && Object.keys(kwds).length > 0) {
    throw new TypeError(`keyword arguments are not supported in JavaScript (got ${Object.keys(kwds).join(", ")}); pass them positionally`);
  }
}

/**
 * An exception made from a class and its arguments as Stackless's slp_make_bomb does:
 * an array is the argument list, `undefined` (None) none, anything else one argument.
 */
function makeError(klass: unknown, args: unknown, where: string): unknown {
  if (typeof klass !== "function") throw new TypeError(`${where} needs an exception class as first parameter, got ${typeof klass}`);
  const list = args === undefined || args === null ? [] : Array.isArray(args) ? args : [args];
  return constructWith(klass as ExceptionClass, list);
}

/** (exc, val, tb) as Python's raise takes them: a class with arguments, or an instance. */
function throwArgs(exc: unknown, val: unknown, where: string): unknown {
  if (typeof exc === "function") return makeError(exc, val, where);
  if (val !== undefined && val !== null) throw new TypeError(`${where}: instance exception may not have a separate value`);
  return exc;
}

// ---------------------------------------------------------------------------------
// Tasklets.

/** A new tasklet of `type` (Tasklet or a subclass; null/undefined for Tasklet), bound to `func` if given. */
export function PyTasklet_New(type: TaskletClass | null | undefined, func: TaskletFunction | null | undefined): Tasklet | null {
  return object(() => {
    const T = type ?? Tasklet;
    if (T !== Tasklet && !(typeof T === "function" && T.prototype instanceof Tasklet)) {
      throw new TypeError("PyTasklet_New: type must be a subtype of Tasklet");
    }
    return new T(func ?? null);
  });
}

/** Binds the arguments and inserts the tasklet into the runnables queue. 0 / -1. */
export function PyTasklet_Setup(task: Tasklet, args: ArrayLike<unknown> | null | undefined, kwds?: Record<string, unknown> | null): Status {
  return status(() => {
    checkKeywords(kwds);
    callWith(task.setup, task, args ?? []);
  });
}

/** tasklet.bind(func, args): each may be null/undefined. 0 / -1. */
export function PyTasklet_BindEx(task: Tasklet, func: TaskletFunction | null | undefined, args: ArrayLike<unknown> | null | undefined, kwargs?: Record<string, unknown> | null): Status {
  return status(() => {
    checkKeywords(kwargs);
    task.bind(func ?? null, args ?? null);
  });
}

/** tasklet.bind_thread(thread_id). 0 / -1. */
export function PyTasklet_BindThread(task: Tasklet, threadId: number): Status {
  return status(() => {
    const bindThread = (task as Tasklet & { bindThread?: (id?: number) => unknown }).bindThread;
    if (typeof bindThread !== "function") throw new TypeError("PyTasklet_BindThread: this runtime has no Tasklet.bindThread yet");
    bindThread.call(task, threadId);
  });
}

/** Runs `task` now; the caller stays runnable. 0 / -1 (always a hard switch). */
export function PyTasklet_Run(task: Tasklet): Status {
  return status(() => task.run());
}

/** As PyTasklet_Run, soft switching when called directly from tasklet code. 1 / 0 / -1. */
export function PyTasklet_Run_nr(task: Tasklet): Ternary {
  return ternary(PyTasklet_Run_nr, Tasklet.prototype.run, () => task.run());
}

/** Runs `task` now and pauses the caller. 0 / -1. */
export function PyTasklet_Switch(task: Tasklet): Status {
  return status(() => task.switch());
}

/** As PyTasklet_Switch, soft switching when possible. 1 / 0 / -1. */
export function PyTasklet_Switch_nr(task: Tasklet): Ternary {
  return ternary(PyTasklet_Switch_nr, Tasklet.prototype.switch, () => task.switch());
}

/** Removes `task` from the runnables queue. 0 / -1. */
export function PyTasklet_Remove(task: Tasklet): Status {
  return status(() => task.remove());
}

/** Inserts `task` into the runnables queue if not there; RuntimeError if blocked or dead. 0 / -1. */
export function PyTasklet_Insert(task: Tasklet): Status {
  return status(() => task.insert());
}

/**
 * Raises `new klass(...args)` in `self` and runs it (`args`: an array of arguments, or
 * one argument, or undefined). 1 / 0 / -1.
 */
export function PyTasklet_RaiseException(self: Tasklet, klass: ExceptionClass, args?: unknown): Ternary {
  const direct = rt.callee === PyTasklet_RaiseException;
  let error: unknown;
  try {
    error = makeError(klass, args, "tasklet.raise_exception");
  } catch (e) {
    return fail(e, -1);
  }
  rt.callee = direct ? PyTasklet_RaiseException : rt.NOBODY;
  return ternary(PyTasklet_RaiseException, Tasklet.prototype.throw, () => self.throw(error));
}

/**
 * tasklet.throw(exc, val, tb, pending): `exc` a class (with `val` its arguments) or an
 * instance; `tb` is ignored (a JavaScript error carries its own stack). 1 / 0 / -1.
 */
export function PyTasklet_Throw(self: Tasklet, pending: number | boolean, exc: unknown, val?: unknown, _tb?: unknown): Ternary {
  const direct = rt.callee === PyTasklet_Throw;
  let error: unknown;
  try {
    error = throwArgs(exc, val, "tasklet.throw");
  } catch (e) {
    return fail(e, -1);
  }
  rt.callee = direct ? PyTasklet_Throw : rt.NOBODY;
  return ternary(PyTasklet_Throw, Tasklet.prototype.throw, () => self.throw(error, { pending: !!pending }));
}

/** Raises TaskletExit in `self` (kill()). 1 / 0 / -1. */
export function PyTasklet_Kill(self: Tasklet): Ternary {
  return ternary(PyTasklet_Kill, Tasklet.prototype.kill, () => self.kill());
}

/** kill(pending). 1 / 0 / -1. */
export function PyTasklet_KillEx(self: Tasklet, pending: number | boolean): Ternary {
  return ternary(PyTasklet_KillEx, Tasklet.prototype.kill, () => self.kill({ pending: !!pending }));
}

export function PyTasklet_GetAtomic(task: Tasklet): Flag {
  return flag(task.atomic);
}

/** Sets atomic to the logical value of `flag`; returns the previous value. */
export function PyTasklet_SetAtomic(task: Tasklet, value: number | boolean): Flag {
  return flag(task.setAtomic(!!value));
}

export function PyTasklet_GetIgnoreNesting(task: Tasklet): Flag {
  return flag(task.ignoreNesting);
}

/** Sets ignore_nesting to the logical value of `flag`; returns the previous value. */
export function PyTasklet_SetIgnoreNesting(task: Tasklet, value: number | boolean): Flag {
  return flag(task.setIgnoreNesting(!!value));
}

/** 1 if the watchdog's interrupt of `task` is pending (waits for its next switch). */
export function PyTasklet_GetPendingIrq(task: Tasklet): Flag {
  return flag(wd.pending === task);
}

/** The tasklet's newest saved frame, or null (no error set: "might be NULL"). */
export function PyTasklet_GetFrame(task: Tasklet): Frame | null {
  return task.frame;
}

export function PyTasklet_GetBlockTrap(task: Tasklet): Flag {
  return flag(task.blockTrap);
}

/** Sets block_trap to the logical value of `value` (void in the header). */
export function PyTasklet_SetBlockTrap(task: Tasklet, value: number | boolean): void {
  task.setBlockTrap(!!value);
}

export function PyTasklet_IsMain(task: Tasklet): Flag {
  return flag(task.isMain);
}

export function PyTasklet_IsCurrent(task: Tasklet): Flag {
  return flag(task.isCurrent);
}

export function PyTasklet_GetRecursionDepth(task: Tasklet): number {
  return task.recursionDepth;
}

export function PyTasklet_GetNestingLevel(task: Tasklet): number {
  return task.nestingLevel;
}

export function PyTasklet_Alive(task: Tasklet): Flag {
  return flag(task.alive);
}

export function PyTasklet_Paused(task: Tasklet): Flag {
  return flag(task.paused);
}

export function PyTasklet_Scheduled(task: Tasklet): Flag {
  return flag(task.scheduled);
}

export function PyTasklet_Restorable(task: Tasklet): Flag {
  return flag(task.restorable);
}

/** 1 if `op` is a Tasklet (or a subclass instance). */
export function PyTasklet_Check(op: unknown): Flag {
  return flag(op instanceof Tasklet);
}

/** 1 if `op` is a Tasklet and not a subclass instance. */
export function PyTasklet_CheckExact(op: unknown): Flag {
  return flag(op instanceof Tasklet && Object.getPrototypeOf(op) === Tasklet.prototype);
}

// ---------------------------------------------------------------------------------
// Channels.

/** A new channel of `type` (Channel or a subclass; null/undefined for Channel). */
export function PyChannel_New(type: ChannelClass | null | undefined): Channel<unknown> | null {
  return object(() => {
    const C = type ?? Channel;
    if (C !== Channel && !(typeof C === "function" && C.prototype instanceof Channel)) {
      throw new TypeError("PyChannel_New: type must be a subtype of Channel");
    }
    return new C();
  });
}

/** Sends `arg`; blocks until a receiver takes it. 0 / -1. */
export function PyChannel_Send(self: Channel<unknown>, arg: unknown): Status {
  return status(() => self.send(arg));
}

/** As PyChannel_Send, soft switching when possible. 1 / 0 / -1. */
export function PyChannel_Send_nr(self: Channel<unknown>, arg: unknown): Ternary {
  return ternary(PyChannel_Send_nr, Channel.prototype.send, () => self.send(arg));
}

/**
 * Receives a value, or null on failure. A received `null` reads the same as a
 * failure: check PyErr_Occurred() (as C code checks it for NULL).
 */
export function PyChannel_Receive(self: Channel<unknown>): unknown {
  return object(() => self.receive());
}

/** As PyChannel_Receive, soft switching when possible: the value, Py_UnwindToken or null. */
export function PyChannel_Receive_nr(self: Channel<unknown>): unknown {
  return ternaryObject(PyChannel_Receive_nr, Channel.prototype.receive, () => self.receive());
}

/**
 * The receiver raises `new klass(...args)` (`args`: an array of arguments, or one
 * argument, or undefined, as slp_make_bomb). 0 / -1.
 */
export function PyChannel_SendException(self: Channel<unknown>, klass: ExceptionClass, args?: unknown): Status {
  return status(() => {
    const list = args === undefined || args === null ? [] : Array.isArray(args) ? args : [args];
    callWith(self.sendException, self, joinLists([klass], list));
  });
}

/** The receiver raises (exc, val, tb) as Python's raise takes them. 0 / -1. */
export function PyChannel_SendThrow(self: Channel<unknown>, exc: unknown, val?: unknown, _tb?: unknown): Status {
  return status(() => self.sendThrow(throwArgs(exc, val, "channel.send_throw")));
}

/** The first tasklet waiting on the channel, or undefined (None) if none waits. */
export function PyChannel_GetQueue(self: Channel<unknown>): Tasklet | undefined {
  return self.queue ?? undefined;
}

export function PyChannel_Close(self: Channel<unknown>): void {
  self.close();
}

export function PyChannel_Open(self: Channel<unknown>): void {
  self.open();
}

export function PyChannel_GetClosing(self: Channel<unknown>): Flag {
  return flag(self.closing);
}

export function PyChannel_GetClosed(self: Channel<unknown>): Flag {
  return flag(self.closed);
}

export function PyChannel_GetPreference(self: Channel<unknown>): number {
  return self.preference;
}

/** Sets the preference (normalised to -1/0/1). Void: a bad value leaves the error for PyErr_Occurred. */
export function PyChannel_SetPreference(self: Channel<unknown>, val: number): void {
  status(() => {
    self.preference = val;
  });
}

export function PyChannel_GetScheduleAll(self: Channel<unknown>): Flag {
  return flag(self.scheduleAll);
}

/** Sets schedule_all to the logical value of `val`. Void, as PyChannel_SetPreference. */
export function PyChannel_SetScheduleAll(self: Channel<unknown>, val: number | boolean): void {
  status(() => {
    self.scheduleAll = val;
  });
}

/** Senders waiting minus receivers waiting. */
export function PyChannel_GetBalance(self: Channel<unknown>): number {
  return self.balance;
}

export function PyChannel_Check(op: unknown): Flag {
  return flag(op instanceof Channel);
}

export function PyChannel_CheckExact(op: unknown): Flag {
  return flag(op instanceof Channel && Object.getPrototypeOf(op) === Channel.prototype);
}

// ---------------------------------------------------------------------------------
// Module stackless.

/**
 * Yields to the next runnable tasklet (and leaves the queue if `remove`). Returns
 * `retval` (what was passed, not the current tasklet: that default is the Python
 * layer's), or null on failure.
 */
export function PyStackless_Schedule(retval: unknown, remove: number | boolean): unknown {
  return object(() => (remove ? scheduleRemove(retval) : schedule(retval)));
}

/** As PyStackless_Schedule, soft switching when possible: retval, Py_UnwindToken or null. */
export function PyStackless_Schedule_nr(retval: unknown, remove: number | boolean): unknown {
  const primitive = remove ? scheduleRemove : schedule;
  return ternaryObject(PyStackless_Schedule_nr, primitive, () => primitive(retval));
}

/** Runnable tasklets of this thread, the current one included. */
export function PyStackless_GetRunCount(): number {
  return getRunCount();
}

export function PyStackless_GetCurrent(): Tasklet {
  return getCurrent();
}

export function PyStackless_GetCurrentId(): number {
  return getCurrentId();
}

/**
 * Runs the scheduler. `timeout` <= 0 means no watchdog (as in Stackless). Returns
 * undefined (None) when no tasklet is left runnable, the interrupted tasklet, or null
 * on failure (e.g. an uncaught error of a tasklet, which main receives).
 */
export function PyStackless_RunWatchdog(timeout: number): Tasklet | undefined | null {
  return PyStackless_RunWatchdogEx(timeout, 0);
}

/** PyStackless_RunWatchdog with Py_WATCHDOG_* flags. */
export function PyStackless_RunWatchdogEx(timeout: number, flags: number): Tasklet | undefined | null {
  return object(() => run(timeout > 0 ? timeout : undefined, flags) ?? undefined);
}

// ---------------------------------------------------------------------------------
// Debugging and monitoring.

/** cb(channel, tasklet, sendflag, willblock) on every send/receive; null/undefined removes it. 0 / -1. */
export function PyStackless_SetChannelCallback(callable: ChannelCallback | null | undefined): Status {
  return status(() => setChannelCallback(callable ?? null));
}

/** cb(from, to) on every switch; null/undefined removes it. 0 / -1. */
export function PyStackless_SetScheduleCallback(callable: ScheduleCallback | null | undefined): Status {
  return status(() => setScheduleCallback(callable ?? null));
}

/** The same hook, without allocation per call. Void. */
export function PyStackless_SetScheduleFastcallback(func: ScheduleCallback | null | undefined): void {
  status(() => setScheduleFastCallback(func ?? null));
}

// ---------------------------------------------------------------------------------
// Interface functions.

/** Runs `func(...args)` as the main tasklet would. The result, or null on failure. */
export function PyStackless_Call_Main(func: (...args: any[]) => unknown, args: ArrayLike<unknown> | null | undefined, kwds?: Record<string, unknown> | null): unknown {
  return object(() => {
    checkKeywords(kwds);
    return callWith(callMain, undefined, joinLists([func], args ?? []));
  });
}

/**
 * Runs `o[name](...args)` as the main tasklet would. `format` (Py_BuildValue's) is
 * accepted for the seed's signature; the arguments are JavaScript values already.
 */
export function PyStackless_CallMethod_Main(o: object, name: string, format?: string | null, ...args: unknown[]): unknown {
  return object(() => {
    const method = (o as Record<string, unknown>)[name];
    if (typeof method !== "function") throw new TypeError(`PyStackless_CallMethod_Main: '${String(name)}' is not a method of ${String(o)}`);
    return callMain(() => method.apply(o, args));
  });
}

/** A PyMethodDef: the method's name, and the function called as `ml_meth(self, ...args)`. */
export interface PyMethodDef {
  ml_name?: string;
  ml_meth: (self: unknown, ...args: any[]) => unknown;
}

/** Runs `meth.ml_meth(self, ...args)` as the main tasklet would. `format` as in CallMethod_Main. */
export function PyStackless_CallCMethod_Main(meth: PyMethodDef, self: unknown, format?: string | null, ...args: unknown[]): unknown {
  return object(() => callMain(() => callWith(meth.ml_meth, meth, joinLists([self], args))));
}

// ---------------------------------------------------------------------------------
// Soft-switchable extension functions (3.7, provisional). In C, an
// slp_softswitchablefunc is re-entered with the value its switch delivered and its
// state (`step`, `ob1..3`, `n`, `any`); here PyStackless_CallFunction saves a frame
// record whose resumption calls it again (frame protocol), so it switches softly when
// the CallFunction itself was called directly from tasklet code.

/** The in-out arguments of a soft-switchable function; `stackless` says whether it may soft-switch now. */
export interface SoftSwitchableState {
  step: number;
  ob1: unknown;
  ob2: unknown;
  ob3: unknown;
  n: number;
  any: unknown;
  /**
   * STACKLESS_GETARG's `stackless`: true when a call it makes may soft-switch. To let
   * an `_nr` call switch softly it sets `rt.callee` to that function first (the
   * STACKLESS_PROMOTE_ALL of C), and returns at once when `rt.unwinding` is then set.
   */
  stackless: boolean;
}

/** C's slp_softswitchablefunc: called with the delivered value (null on error, PyErr set) and its state. */
export type slp_softswitchablefunc = (retval: unknown, state: SoftSwitchableState) => unknown;

/** C's PyStacklessFunctionDeclarationObject. */
export class PyStacklessFunctionDeclarationObject {
  module_name: string | null = null;
  constructor(
    readonly sfunc: slp_softswitchablefunc,
    public name: string | null = sfunc.name || null,
  ) {}
}
export const PyStacklessFunctionDeclaration_Type = PyStacklessFunctionDeclarationObject;

export function PyStacklessFunctionDeclarationType_CheckExact(op: unknown): Flag {
  return flag(op instanceof PyStacklessFunctionDeclarationObject && Object.getPrototypeOf(op) === PyStacklessFunctionDeclarationObject.prototype);
}

/** Fills in the declaration's module name (from `module_def.m_name`, or the module's `name`). 0 / -1. */
export function PyStackless_InitFunctionDeclaration(sfd: PyStacklessFunctionDeclarationObject, module: { name?: string } | string | null, module_def?: { m_name: string } | null): Status {
  return status(() => {
    if (!(sfd instanceof PyStacklessFunctionDeclarationObject)) throw new TypeError("PyStackless_InitFunctionDeclaration: sfd must be a PyStacklessFunctionDeclarationObject");
    const name = module_def?.m_name ?? (typeof module === "string" ? module : module?.name);
    if (typeof name !== "string") throw new TypeError("PyStackless_InitFunctionDeclaration: no module name");
    sfd.module_name = name;
  });
}

const $m = rt.module("stackless-ts/capi");

/** The frame that re-enters a soft-switchable function after its switch. Known to the trampoline only. */
function resumeSoftSwitchable(this: unknown): unknown {
  if (rt.callee !== rt.RESUME) throw new TypeError("resumeSoftSwitchable is entered only by the trampoline");
  const f = rt.frame!;
  const sfd = f.vars[0] as PyStacklessFunctionDeclarationObject;
  const state = f.vars[1] as SoftSwitchableState;
  rt.callee = rt.NOBODY;
  let retval: unknown;
  try {
    retval = rt.take();
    // An `_nr` call that switched softly delivers its value through tempval.
    if (retval === Py_UnwindToken || retval === 1) {
      const cur = getCurrent();
      retval = cur.tempval;
      cur.tempval = undefined;
    }
  } catch (e) {
    retval = fail(e, null);
  }
  return callSoftSwitchable(sfd, state, retval, true);
}
$m.fn($m.code({ id: "stackless-ts/capi#resumeSoftSwitchable", name: "resumeSoftSwitchable", hash: "0", vars: ["sfd", "state"], pcs: [], line: 1, column: 0 }), resumeSoftSwitchable);
$m.binding("resumeSoftSwitchable", resumeSoftSwitchable);

function callSoftSwitchable(sfd: PyStacklessFunctionDeclarationObject, state: SoftSwitchableState, retval: unknown, stackless: boolean): unknown {
  state.stackless = stackless;
  let result: unknown;
  try {
    result = sfd.sfunc(retval, state);
  } catch (e) {
    if (rt.unwinding) throw e;
    return fail(e, null);
  } finally {
    state.stackless = false;
  }
  if (rt.unwinding) return rt.save(resumeSoftSwitchable as never, 1, undefined, [sfd, state]);
  return result;
}

/**
 * Calls the soft-switchable function of `sfd` with `arg` and the in-out arguments.
 * Returns its result (null on failure); called directly from tasklet code, a soft
 * switch inside it unwinds, and the call evaluates to the function's final result
 * once it has been re-entered and returned.
 */
export function PyStackless_CallFunction(sfd: PyStacklessFunctionDeclarationObject, arg: unknown, ob1?: unknown, ob2?: unknown, ob3?: unknown, n = 0, any?: unknown): unknown {
  const stackless = rt.callee === PyStackless_CallFunction && rt.nesting === 0;
  rt.callee = rt.NOBODY;
  return callSoftSwitchable(sfd, { step: 0, ob1, ob2, ob3, n, any, stackless }, arg, stackless);
}

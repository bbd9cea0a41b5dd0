/**
 * Pickling of tasklets and channels (API.md "Pickling", STACKLESS-SEMANTICS.md 21-23):
 * their kinds for runtime/pickle, the runtime's pickle()/unpickle(), and the whole-program
 * snapshot()/restoreSnapshot().
 *
 * Invariants
 * - Unpickling never touches the scheduler while bytes are being read: kinds build
 *   detached tasklets and channels and note what must be linked (`pending`). Only
 *   after the whole graph decoded without error does `commit` queue blocked tasklets
 *   on their channels and sleepers on their timers. A failed restore creates nothing
 *   the program can see.
 * - A tasklet pickles only if it is restorable: not current, not suspended in plain code
 *   (hard), not waiting on a promise. Otherwise pickle throws PickleError with the path,
 *   and nothing changes.
 * - A blocked tasklet brings its channel; a channel pickled by value brings every tasklet
 *   in its queue (Stackless 21). A channel registered as a module binding pickles by
 *   reference: restored tasklets queue again on the loading process's channel.
 */
import {
  pickleRooted,
  unpickle as unpickleValue,
  withModules,
  registerKind,
  registerModuleBinding,
  registerPickler,
  setCodeLookup,
  writeFrameChain,
  readFrameChain,
  EXT,
  type UnpickleAsyncOptions,
  type KindReader,
} from "./pickle/index.js";
import { resolvers } from "./pickle/encoder.js";
import { kindsByProto } from "./pickle/registry.js";
import { rt, findCode, setBindingHook, type FrameRecord } from "./protocol.js";
import { Tasklet, type TaskletFunction } from "./tasklet.js";
import { Channel, ChannelIterator, wrapIteration } from "./channel.js";
import { State } from "./state.js";
import { sched, ringInsert, liveTasklets, mainTasklet, Bomb, resumeRun, plainSite } from "./scheduler.js";
import { addSleeper } from "./events.js";
import { RuntimeError, UnpickleError, PickleError } from "./errors.js";
import { registerBuiltins } from "./builtins.js";
import { AsyncFromSyncIterator } from "./async-iteration.js";
import { ArrayWalker } from "./lists.js";
import { CollectionCursor } from "./collection-cursor.js";
import { StringWalker } from "./string-walker.js";
import "./generator-snapshot.js";
import "./async-generator-snapshot.js";
import "./async-generator-step.js";
import * as api from "./api.js";
import * as events from "./events.js";

setCodeLookup({ findCode: (id) => findCode(id) });

setBindingHook((moduleId, name, value) => {
  if ((typeof value !== "object" || value === null) && typeof value !== "function") return;
  registerModuleBinding(moduleId, name, value, { instances: typeof value === "function" && makesInstances(value) });
});

/**
 * A class, or a function that is one in ES5 code (`function Point(x) { this.x = x }`
 * with `new Point(1)`): its own `prototype` points back to it. Their instances pickle
 * as (class, own properties); generators' and methods' prototypes do not point back.
 */
function makesInstances(f: Function): boolean {
  if (/^class\b/.test(Function.prototype.toString.call(f))) return true;
  const d = Object.getOwnPropertyDescriptor(f, "prototype");
  return d !== undefined && typeof d.value === "object" && d.value !== null && (d.value as { constructor?: unknown }).constructor === f;
}

/** What the commit phase must do for one restored tasklet. */
interface Link {
  t: Tasklet;
  channel: Channel<unknown> | null;
  dir: number;
  /** position in its channel's queue when pickled (keeps FIFO order) */
  pos: number;
  sleepUntil: number | null;
  wasScheduled: boolean;
}

/** Links noted by the kinds during one unpickle; null outside one. */
let pending: Link[] | null = null;

/** Resume hooks a switch may leave on a tasklet, by wire number (0 = none). */
const RESUME_HOOKS: ReadonlyArray<((v: unknown, threw: boolean) => unknown) | null> = [null, wrapIteration, resumeRun];

const enum Wire {
  New = 0,
  Initial = 1,
  Soft = 2,
  Dead = 3,
}

// Subclasses of Tasklet and Channel (Stackless's testClassPersistence): variant 1 writes
// the class (by reference: a module-level class) in the head and the subclass's own
// fields after the record; the instance is made by the base constructor with the
// subclass as new.target, as unpickling does in Python (no __init__ call).
const SUBCLASS = 1;

function variantOf(o: object, Base: Function): number {
  return Object.getPrototypeOf(o) === Base.prototype ? 0 : SUBCLASS;
}

function createInstance<T extends object>(r: KindReader, variant: number, Base: new () => T): T {
  if (variant === 0) return new Base();
  if (variant !== SUBCLASS) r.fail(`unknown ${Base.name} variant ${variant}`);
  const C = r.read();
  if (typeof C !== "function" || !(C.prototype instanceof Base)) r.fail(`a ${Base.name} subclass that is not a subclass of ${Base.name}`);
  return Reflect.construct(Base, [], C as Function) as T;
}

/** The fields a subclass added: own enumerable keys that an instance of the base does not have. */
function extraFields(o: object, base: object): Record<string, unknown> {
  const keys = new Set(Object.keys(base));
  const extra: Record<string, unknown> = {};
  for (const k of Object.keys(o)) if (!keys.has(k)) extra[k] = (o as Record<string, unknown>)[k];
  return extra;
}

function readExtraFields(o: object, r: KindReader): void {
  const extra = r.read();
  if (typeof extra !== "object" || extra === null || Array.isArray(extra)) r.fail("subclass fields that are not an object");
  for (const [k, v] of Object.entries(extra as Record<string, unknown>)) {
    Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  }
}

registerKind<Tasklet>({
  code: EXT.TASKLET,
  name: "tasklet",
  classes: [Tasklet],
  describe: (t) => `tasklet ${t.id}`,
  variant: (t) => variantOf(t, Tasklet),
  head(t, w) {
    if (variantOf(t, Tasklet) === SUBCLASS) w.write(Object.getPrototypeOf(t).constructor, "class");
  },
  create: (r, variant) => createInstance(r, variant, Tasklet),
  body(t, w) {
    const why = notRestorable(t);
    if (why !== null) throw new RuntimeError(`tasklet ${t.id} cannot be pickled: ${why}`);
    const wire = t.frameState === State.New ? Wire.New : t.frameState === State.Initial ? Wire.Initial : t.frameState === State.Soft ? Wire.Soft : Wire.Dead;
    const hook = RESUME_HOOKS.indexOf(t.resumeHook);
    if (hook < 0) throw new RuntimeError(`tasklet ${t.id} cannot be pickled: it waits in a primitive whose result cannot be restored`);
    w.list(14);
    w.write(wire, "state");
    w.write(t.boundFunc, "function");
    w.write(t.boundArgs, "arguments");
    // A pending exception travels as [error]; any other tempval as itself.
    w.write(t.tempval instanceof Bomb ? [t.tempval.error] : t.tempval, "tempval");
    w.write(t.tempval instanceof Bomb, "pending exception");
    w.write(t.atomic, "atomic");
    w.write(t.ignoreNesting, "ignoreNesting");
    w.write(t.blockTrap, "blockTrap");
    w.write(t.blockedOn, "channel");
    w.write(t.blockedDir, "direction");
    w.write(t.blockedOn === null ? 0 : t.blockedOn.waiting().indexOf(t), "queue position");
    w.write(t.externalWait !== null && t.externalWait.reason === "sleep" ? t.externalWait.until : null, "sleep");
    w.write(hook, "resume hook");
    writeFrameChain(w, t.top);
    if (variantOf(t, Tasklet) === SUBCLASS) w.write(extraFields(t, mainTasklet()), "fields");
  },
  fill(t, r, variant) {
    if (r.list() !== 14) r.fail("a tasklet record of the wrong length");
    const wire = r.readUint();
    if (wire > Wire.Dead) r.fail(`unknown tasklet state ${wire}`);
    const func = r.read();
    if (func !== null && typeof func !== "function") r.fail("a tasklet function that is not a function");
    const args = r.read();
    if (args !== null && !Array.isArray(args)) r.fail("tasklet arguments that are not an array");
    let tempval = r.read();
    const bomb = r.read();
    if (typeof bomb !== "boolean") r.fail("a pending-exception flag that is not a boolean");
    if (bomb) {
      if (!Array.isArray(tempval) || tempval.length !== 1) r.fail("a pending exception that is not [error]");
      tempval = new Bomb((tempval as unknown[])[0]);
    }
    const flags = [r.read(), r.read(), r.read()];
    if (!flags.every((f) => typeof f === "boolean")) r.fail("tasklet flags that are not booleans");
    const channel = r.read();
    if (channel !== null && !(channel instanceof Channel)) r.fail("a tasklet blocked on something that is not a channel");
    const dir = r.read();
    if (dir !== 0 && dir !== 1 && dir !== -1) r.fail("a blocked direction other than -1, 0, 1");
    if ((channel === null) !== (dir === 0)) r.fail("a channel without a direction, or a direction without a channel");
    const pos = r.readUint();
    const sleep = r.read();
    if (sleep !== null && typeof sleep !== "number") r.fail("a sleep deadline that is not a number");
    const hook = r.readUint();
    if (hook >= RESUME_HOOKS.length) r.fail(`unknown resume hook ${hook}`);
    const top = readFrameChain(r) as FrameRecord | null;
    if (wire === Wire.Soft && top === null) r.fail("a suspended tasklet without frames");
    if (wire !== Wire.Soft && top !== null) r.fail("frames on a tasklet that is not suspended");
    if (wire === Wire.Initial && (func === null || args === null)) r.fail("a tasklet to start without its function or arguments");
    t.frameState = wire === Wire.New ? State.New : wire === Wire.Initial ? State.Initial : wire === Wire.Soft ? State.Soft : State.Dead;
    t.boundFunc = func as TaskletFunction | null;
    t.boundArgs = args as unknown[] | null;
    t.tempval = tempval;
    t.setAtomic(flags[0] as boolean);
    t.setIgnoreNesting(flags[1] as boolean);
    t.setBlockTrap(flags[2] as boolean);
    t.resumeHook = RESUME_HOOKS[hook] ?? null;
    t.top = top;
    t.frameCount = 0;
    for (let f = top; f !== null; f = f.back) t.frameCount++;
    if (variant === SUBCLASS) readExtraFields(t, r);
    pending?.push({ t, channel: channel as Channel<unknown> | null, dir: dir as number, pos, sleepUntil: sleep as number | null, wasScheduled: false });
  },
});

registerKind<Channel<unknown>>({
  code: EXT.CHANNEL,
  name: "channel",
  classes: [Channel],
  describe: (ch) => ch.describe(),
  variant: (ch) => variantOf(ch, Channel),
  head(ch, w) {
    if (variantOf(ch, Channel) === SUBCLASS) w.write(Object.getPrototypeOf(ch).constructor, "class");
  },
  create: (r, variant) => createInstance(r, variant, Channel),
  body(ch, w) {
    const queue = ch.waiting();
    w.list(4);
    w.write(ch.preference, "preference");
    w.write(ch.scheduleAll, "scheduleAll");
    w.write(ch.closing, "closing");
    // The whole queue comes along: restoring one blocked tasklet restores its channel
    // as it was, every waiting tasklet included (Stackless 21).
    w.write(queue, "queue");
    if (variantOf(ch, Channel) === SUBCLASS) w.write(extraFields(ch, { id: 0 }), "fields");
  },
  fill(ch, r, variant) {
    if (r.list() !== 4) r.fail("a channel record of the wrong length");
    const pref = r.read();
    if (pref !== -1 && pref !== 0 && pref !== 1) r.fail("a channel preference other than -1, 0, 1");
    const all = r.read();
    const closing = r.read();
    if (typeof all !== "boolean" || typeof closing !== "boolean") r.fail("channel flags that are not booleans");
    const queue = r.read();
    if (!Array.isArray(queue) || !queue.every((t) => t instanceof Tasklet)) r.fail("a channel queue that is not a list of tasklets");
    ch.preference = pref as number;
    ch.scheduleAll = all as boolean;
    if (closing) ch.close();
    if (variant === SUBCLASS) readExtraFields(ch, r);
  },
});

// A tasklet blocked in `for (… of ch)` holds the channel's iterator (and its `next`,
// a builtin by name) in frame slots: all it knows is its channel.
registerPickler(ChannelIterator, {
  name: "stackless-ts:ChannelIterator",
  reduce: (it: ChannelIterator<unknown>) => it.channel,
  restore: (ch: unknown) => {
    if (!(ch instanceof Channel)) throw new TypeError("a channel iterator's data must be a channel");
    return new ChannelIterator(ch);
  },
});

// Instances of subclasses have no kind of their own: they are tasklets and channels.
resolvers.unshift((o) => (o instanceof Tasklet || o instanceof Channel ? kindsByProto.get(o instanceof Tasklet ? Tasklet.prototype : Channel.prototype) : undefined));

function notRestorable(t: Tasklet): string | null {
  if (t.isCurrent) return "it is the current tasklet (Stackless: pickle it from another tasklet)";
  if (t.frameState === State.Hard) return `it is suspended in plain code (nestingLevel ${t.nestingLevel}, ${plainSite(t)}): its JavaScript stack cannot be saved`;
  if (t.frameState === State.Running) return "it is running";
  if (t.externalWait !== null && t.externalWait.reason === "promise") return "it waits on a promise, which cannot be pickled";
  return null;
}

/** Queues restored tasklets on their channels and timers: the commit of a restore. */
function commit(links: Link[]): void {
  const blocked = links.filter((l) => l.channel !== null && l.t.frameState === State.Soft);
  // Check before linking anything: all waiters of one channel wait the same way, and
  // the way a (by-reference) channel's live queue already waits.
  const dirs = new Map<Channel<unknown>, number>();
  for (const l of blocked) {
    const ch = l.channel!;
    const d = dirs.get(ch) ?? (ch.balance === 0 ? l.dir : Math.sign(ch.balance));
    if (d !== l.dir) throw new UnpickleError(`corrupt snapshot: tasklets wait on ${ch.describe()} in both directions`);
    dirs.set(ch, d);
  }
  blocked.sort((a, b) => (a.channel === b.channel ? a.pos - b.pos : 0));
  for (const l of blocked) l.channel!.enqueueRestored(l.t, l.dir as 1 | -1);
  for (const l of links) {
    if (l.sleepUntil !== null && l.t.frameState === State.Soft) addSleeper(l.t, l.sleepUntil);
    if (l.t.frameState !== State.New && l.t.frameState !== State.Dead) liveTasklets.add(l.t);
  }
}

function withCommit<T>(decode: () => T, validate?: (value: T) => void): T {
  const outer = pending;
  const links: Link[] = [];
  pending = links;
  let value: T;
  try {
    value = decode();
    validate?.(value);
  } finally {
    pending = outer;
  }
  commit(links);
  return value;
}

function builtins(): void {
  // The protocol's tokens: a slot assigned from a call that unwound holds rt.UNWIND
  // (the resumed call site overwrites it), and they are what they are in every process.
  registerBuiltins({
    Tasklet, Channel, ...api, ...events, UNWIND: rt.UNWIND as object, RESUME: rt.RESUME as object, NOBODY: rt.NOBODY as object,
    // A compiled `for await` keeps its iterator's `next` in a slot.
    AsyncGeneratorPrototype: Object.getPrototypeOf(Object.getPrototypeOf((async function* () {})())) as object,
    AsyncFromSyncIterator,
    ArrayWalker,
    StringWalker,
    CollectionCursor,
    ChannelIterator,
  });
}

/** Pickles any graph of supported values, tasklets and channels included (API.md). */
export function pickle(value: unknown): Uint8Array {
  return pickleWithRoots(value, null);
}

/** pickle(), writing `roots` by value even where a module binds them (see Encoder.roots). */
function pickleWithRoots(value: unknown, roots: ReadonlySet<unknown> | null): Uint8Array {
  builtins();
  try {
    return pickleRooted(value, roots);
  } catch (e) {
    // Stackless raises RuntimeError for the current tasklet; API.md promises PickleError
    // for what cannot be pickled: the error is both.
    if (e instanceof PickleError && /cannot be pickled: it is the current tasklet/.test(e.message)) throw new CurrentTaskletError(e.message);
    throw e;
  }
}

/** Pickling the current tasklet: a PickleError that is also `instanceof RuntimeError` (Stackless). */
class CurrentTaskletError extends PickleError {}
const runtimeErrorHasInstance = Function.prototype[Symbol.hasInstance];
Object.defineProperty(RuntimeError, Symbol.hasInstance, {
  configurable: true,
  value: (v: unknown) => v instanceof CurrentTaskletError || runtimeErrorHasInstance.call(RuntimeError, v),
});

/**
 * Restores what pickle() wrote. Tasklets come back paused, except those that were
 * blocked: they are blocked again, on the restored channel.
 */
export function unpickle(bytes: Uint8Array): unknown {
  builtins();
  return withCommit(() => unpickleValue(bytes));
}

/** unpickle() that first imports the modules the snapshot needs (`load(moduleId)`). */
export async function unpickleAsync(bytes: Uint8Array, options: UnpickleAsyncOptions, validate?: (v: unknown) => void): Promise<unknown> {
  builtins();
  // Each try decodes the whole graph and commits only if it succeeds, so a try that
  // stops at a missing module leaves nothing behind.
  return withModules(() => withCommit(() => unpickleValue(bytes), validate), options?.load);
}

interface SnapshotData {
  stackless: "snapshot";
  version: 1;
  tasklets: Tasklet[];
  /** which of them were runnable (they are inserted again, in this order) */
  runnable: boolean[];
}

/**
 * Pickles every tasklet of this thread but main (and the current one), with the
 * channels they wait on. Throws PickleError, changing nothing, if one is not restorable.
 */
export function snapshot(): Uint8Array {
  const main = mainTasklet();
  const ordered: Tasklet[] = [];
  const seen = new Set<Tasklet>();
  // Runnable ones in ring order first, so that restore keeps the order they run in.
  const head = sched.head;
  if (head !== null) {
    let t = head;
    do {
      if (t !== main && !t.isCurrent) ordered.push(t), seen.add(t);
      t = t.rnext!;
    } while (t !== head);
  }
  for (const t of liveTasklets) if (!seen.has(t) && t !== main && !t.isCurrent && t.alive) ordered.push(t);
  const data: SnapshotData = { stackless: "snapshot", version: 1, tasklets: ordered, runnable: ordered.map((t) => t.rnext !== null) };
  return pickleWithRoots(data, new Set(ordered));
}

/**
 * Brings a snapshot()'s tasklets back into this thread's scheduler: blocked ones blocked
 * again, runnable ones at the end of the runnables queue, in their order. Returns them.
 */
export function restoreSnapshot(bytes: Uint8Array): Tasklet[] {
  builtins();
  return insertRestored(withCommit(() => unpickleValue(bytes), checkSnapshot) as SnapshotData);
}

/** restoreSnapshot() that first imports the modules the snapshot needs. */
export async function restoreSnapshotAsync(bytes: Uint8Array, options: UnpickleAsyncOptions): Promise<Tasklet[]> {
  return insertRestored((await unpickleAsync(bytes, options, checkSnapshot)) as SnapshotData);
}

/** Runs before anything is linked: a value that is not a snapshot restores nothing. */
function checkSnapshot(value: unknown): void {
  const d = value as Partial<SnapshotData> | null;
  const ok =
    d !== null &&
    typeof d === "object" &&
    d.stackless === "snapshot" &&
    Array.isArray(d.tasklets) &&
    Array.isArray(d.runnable) &&
    d.tasklets.length === d.runnable.length &&
    d.tasklets.every((t) => t instanceof Tasklet) &&
    d.runnable.every((r) => typeof r === "boolean");
  if (!ok) throw new UnpickleError("restoreSnapshot: these bytes do not hold a snapshot() (a pickled value? use unpickle())");
}

function insertRestored(d: SnapshotData): Tasklet[] {
  mainTasklet();
  d.tasklets.forEach((t, i) => {
    if (d.runnable[i] === true && !t.blocked && t.alive && t.rnext === null) ringInsert(t);
  });
  return d.tasklets;
}

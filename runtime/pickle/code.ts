/**
 * Tasklet code as data: closures (`fn[CODE]` + `fn[ENV]`, runtime/keys.ts) and chains of
 * frame records (instances of classes of tasklet code: instances.ts). Shapes from docs/frame-protocol.md.
 *
 * - A function registered by reference (module-level, `$m.binding`) never gets here: the
 *   encoder writes it as EXT.MODULE_REF with its code hash.
 * - Any other function with a `[CODE]` is a closure: (code id, code hash, environment). It
 *   comes back as `findCode(id).factory(env)`, or as `findCode(id).fn` when it has no
 *   environment. A hash that differs from the loaded code's is CodeChangedError.
 * - Functions of plain code are never pickled by value (PickleError): their
 *   variables are invisible to us.
 *
 * Environments and cycles: a closure needs its environment to be created, and the
 * environment usually holds the closure (`$e.f = closure`). So an environment record
 * that is a plain object met for the first time is created empty *by the closure's
 * create* (it gets its id just before the closure), the closure is built around it,
 * and the record's properties are read in the closure's body. Nothing of the record
 * has to exist before the closure.
 */
import { CodeChangedError, UnpickleError } from "../errors.js";
import { CODE, ENV } from "../keys.js";
import { EXT } from "./extensions.js";
import { Encoder, resolvers, setFunctionKind } from "./encoder.js";
import { missingModule, type Decoder } from "./decoder.js";
import { describeValue, quote } from "./path.js";
import { byRef, codeLookup, defineKind, type CodeEntry, type Kind, type KindReader, type KindWriter } from "./registry.js";
import { factoryOf, homeOf, isLocalCode, memberOf } from "../local-classes.js";

/** What a function of tasklet code carries (runtime/protocol.ts CompiledFunction). */
export interface CodeRef {
  readonly id: string;
  readonly hash: string;
  readonly name?: string;
  readonly vars?: readonly string[];
  readonly pcs?: readonly number[];
  readonly line?: number;
}
type CompiledFn = Function & { [CODE]: CodeRef; [ENV]?: unknown };

function codeOf(fn: Function): CodeRef | undefined {
  const c = (fn as Partial<CompiledFn>)[CODE];
  return typeof c === "object" && c !== null && typeof c.id === "string" && typeof c.hash === "string" ? c : undefined;
}

/** The file part of a code id ("src/app.ts#serve>loop" -> "src/app.ts"). */
function fileOf(id: string): string {
  const i = id.indexOf("#");
  return i < 0 ? id : id.slice(0, i);
}

/** findCode(id), checked against the snapshot's hash; `what` names it in CodeChangedError. */
export function loadCode(id: string, hash: string, what = "function"): CodeEntry {
  if (codeLookup === null) throw new UnpickleError(`the snapshot holds tasklet code (${id}) but no code lookup is installed: load the stackless-ts runtime before unpickling`);
  const entry = codeLookup.findCode(id);
  if (entry === undefined) throw missingModule(fileOf(id), `the snapshot holds tasklet code ${id}, which is not loaded (unpickleAsync loads modules)`);
  if (entry.hash !== hash) {
    throw new CodeChangedError(`${what} ${entry.name} (${fileOf(id)}) changed since the snapshot was taken: code hash ${hash} then, ${entry.hash} now`);
  }
  return entry;
}

// ---------------------------------------------------------------------------------
// Closures

/**
 * How the environment travels: ENV_NONE, ENV_VALUE (any value, in the head),
 * ENV_SHELL(_NULL) (see top); ENV_MEMBER: no environment but the class (evaluated in a
 * function) whose member the function is (runtime/local-classes.ts); ENV_HOME: the class
 * (evaluated in a function) in whose body the closure's factory stands, then another
 * mode and the environment.
 */
const ENV_NONE = 0;
const ENV_VALUE = 1;
const ENV_SHELL = 2;
const ENV_SHELL_NULL = 3;
const ENV_MEMBER = 4;
const ENV_HOME = 5;

const LOCAL_CLOSURE = "its code is a member of a class evaluated in a function, but this function does not say which evaluation of the class it belongs to: not supported (docs/unsupported.md); declare the class at module level";

/** Set at the end of create(), read by the fill() that follows it with nothing in between. */
let shellEnv: object | null = null;

/**
 * Writes how environment `env` travels (a mode, then the environment for ENV_VALUE).
 * A plain or null-prototype record met for the first time is a shell: it gets its id
 * now, before the closure or class whose head this is, and writeEnvBody writes its
 * properties in that one's body.
 */
export function writeEnvHead(enc: Encoder, env: unknown): void {
  if (env === undefined) return enc.write(ENV_NONE);
  const proto = typeof env === "object" && env !== null ? Object.getPrototypeOf(env) : undefined;
  if ((proto === Object.prototype || proto === null) && !enc.seen.has(env) && !byRef.has(env)) {
    enc.write(proto === null ? ENV_SHELL_NULL : ENV_SHELL);
    enc.seen.set(env, enc.nextId++);
    enc.shells.add(env as object);
    return;
  }
  enc.write(ENV_VALUE);
  enc.write(env, "env");
}

/** The environment of env mode `mode` (not ENV_NONE), and the shell fillEnv must fill (or null). */
export function readEnvHead(r: KindReader, mode: number): { env: unknown; shell: object | null } {
  if (mode === ENV_VALUE) return { env: r.read(), shell: null };
  if (mode !== ENV_SHELL && mode !== ENV_SHELL_NULL) return r.fail(`environment mode ${mode}`);
  const shell = mode === ENV_SHELL ? {} : (Object.create(null) as object);
  (r as Decoder).refs.push(shell);
  return { env: shell, shell };
}

/** The properties of a shell environment whose id writeEnvHead gave (nothing otherwise). */
export function writeEnvBody(enc: Encoder, env: unknown): void {
  if (!enc.shells.delete(env as object)) return;
  enc.labels[enc.depth - 1] = "env";
  enc.props(env as Record<string, unknown>, Object.keys(env as object));
}

/** Reads what writeEnvBody wrote into `shell` (a readEnvHead shell, or null: nothing). */
export function fillEnv(r: KindReader, shell: object | null): void {
  if (shell !== null) (r as Decoder).readPropsInto(shell, false);
}

/**
 * Compiled generators (runtime/generator.ts): the user's generator function is a native
 * wrapper around a compiled body; the runtime installs the links. The wrapper pickles as
 * its body's closure with variant WRAPPER; either way the factory (which makes the pair
 * and returns the wrapper) runs once per (environment, factory) in one unpickle, so a
 * wrapper and its body restore as a pair.
 */
export const generatorLinks = {
  bodyOf: (_wrapper: Function): Function | undefined => undefined,
  wrapperOf: (_body: Function): Function | undefined => undefined,
};
const WRAPPER = 1;
const pairs = new WeakMap<Decoder, Map<unknown, Map<Function, Function>>>();

/** The compiled function a closure record stands for: itself, or a generator wrapper's body. */
function closureTarget(fn: Function): CompiledFn {
  return (generatorLinks.bodyOf(fn) ?? fn) as CompiledFn;
}

const closureKind: Kind<CompiledFn> = {
  code: EXT.CLOSURE,
  name: "closure",
  classes: [],
  variant: (fn) => (generatorLinks.bodyOf(fn) !== undefined ? WRAPPER : 0),
  describe: (fn) => `closure ${closureTarget(fn)[CODE].name ?? fn.name ?? "?"} (${fileOf(closureTarget(fn)[CODE].id)})`,
  head(wrapperOrFn, w) {
    const fn = closureTarget(wrapperOrFn);
    const home = homeOf(fn);
    if (home === undefined && isLocalCode(fn[CODE])) (w as Encoder).fail(wrapperOrFn, LOCAL_CLOSURE, undefined, true);
    w.write(fn[CODE].id, "code");
    w.write(fn[CODE].hash, "code");
    if (home !== undefined) {
      w.write(home.member ? ENV_MEMBER : ENV_HOME);
      w.write(home.cls, "class");
    }
    if (home === undefined || !home.member) writeEnvHead(w as Encoder, fn[ENV]);
  },
  create(r, variant) {
    if (variant !== 0 && variant !== WRAPPER) r.fail(`closure variant ${variant}`);
    const id = r.readString();
    const hash = r.readString();
    let mode = r.readUint();
    const entry = loadCode(id, hash);
    // Evaluating a class runs its static code: only the CLASS kind does, with it guarded.
    if (entry.classFactory === true) r.fail(`code ${id} is a class's, not a closure's`);
    let factory: Function | null | undefined = entry.factory;
    let fn: unknown;
    let shell: object | null = null;
    if (mode === ENV_HOME) {
      // Made by the factory in the body of the (restored) class evaluation, as the original was.
      const cls = r.read();
      factory = typeof cls === "function" ? factoryOf(cls, id) : undefined;
      if (factory === undefined) r.fail(`code ${id} is not made in the body of the class the snapshot gives it`);
      mode = r.readUint();
      if (mode === ENV_HOME || mode === ENV_MEMBER) r.fail(`environment mode ${mode} after a closure's class`);
    }
    if (mode === ENV_MEMBER) {
      // The function of this code in the (restored) class the frame's method belongs to.
      const cls = r.read();
      fn = typeof cls === "function" ? memberOf(cls, id) : undefined;
      if (fn === undefined) r.fail(`code ${id} is not a member of the class the snapshot gives it`);
    } else if (mode === ENV_NONE) {
      // The factory is called as a plain function (this undefined, as where the compiled
      // module calls it): an arrow it makes has the factory's `this` as its own, which a
      // frame of that arrow saves as its self; with `entry` as this, a restored arrow's
      // frame held the code entry and could not be pickled again.
      fn = (factory === entry.factory ? entry.fn : null) ?? (factory ? Reflect.apply(factory, undefined, [undefined]) : undefined);
      if (fn === undefined || fn === null) r.fail(`code ${id} has neither a function object nor a factory`);
    } else {
      if (!factory) return r.fail(`code ${id} has an environment in the snapshot but no closure factory`);
      let env: unknown;
      ({ env, shell } = readEnvHead(r, mode));
      let byEnv = pairs.get(r as Decoder);
      if (byEnv === undefined) pairs.set(r as Decoder, (byEnv = new Map()));
      // By factory, not code id: each evaluation of a class has its own in-class factories.
      let byFactory = byEnv.get(env);
      if (byFactory === undefined) byEnv.set(env, (byFactory = new Map()));
      fn = byFactory.get(factory);
      if (fn === undefined) {
        fn = Reflect.apply(factory, undefined, [env]);
        // A generator's factory returns the wrapper: keep the pair for the other half.
        if (typeof fn === "function" && generatorLinks.bodyOf(fn) !== undefined) byFactory.set(factory, fn);
      }
    }
    // Set after the factory ran: it is the runtime's code and might unpickle too.
    shellEnv = shell;
    if (typeof fn !== "function") return r.fail(`code ${id} rebuilt as ${typeof fn}, not a function`);
    const body = generatorLinks.bodyOf(fn) ?? fn;
    if (variant === WRAPPER) {
      const wrapper = generatorLinks.wrapperOf(body);
      if (wrapper === undefined) return r.fail(`code ${id} is not a generator's`);
      return wrapper as CompiledFn;
    }
    return body as CompiledFn;
  },
  body(wrapperOrFn, w) {
    writeEnvBody(w as Encoder, closureTarget(wrapperOrFn)[ENV]);
  },
  fill(_fn, r) {
    const env = shellEnv;
    shellEnv = null;
    fillEnv(r, env);
  },
};
defineKind(closureKind);

setFunctionKind((fn) => {
  if (codeOf(fn) !== undefined || generatorLinks.bodyOf(fn) !== undefined) return closureKind;
  const what = describeValue(fn);
  if (what.startsWith("class")) return "a class that is not registered: register it by reference (registerExternal) or compile it as tasklet code";
  if (what.startsWith("bound")) return "bound functions cannot be pickled (use a closure of tasklet code instead)";
  if (/\{\s*\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(fn))) return "a built-in function: register it with registerExternal to pickle it by name";
  return "plain code (not compiled by the stackless plugin): register it with registerExternal, or compile it as tasklet code";
});

// ---------------------------------------------------------------------------------
// Frame chains (for the runtime's tasklet kind)

/** runtime/protocol.ts FrameRecord, as far as pickling needs it. Known to compiler. */
export interface FrameRecordLike {
  fn: Function;
  pc: number;
  self: unknown;
  vars: unknown[];
  newTarget: unknown;
  back: FrameRecordLike | null;
}

/** Path segments for frames: "frame serve (src/app.ts:42) > local 'sock'". */
const framePath: Kind<FrameRecordLike> = {
  code: EXT.FRAMES,
  name: "frame",
  classes: [],
  describe(f) {
    const c = codeOf(f.fn);
    if (c === undefined) return `frame of ${describeValue(f.fn)}`;
    const line = c.pcs?.[2 * f.pc] ?? c.line;
    return `frame ${c.name ?? "?"} (${fileOf(c.id)}${line === undefined ? "" : `:${line}`})`;
  },
  describeAt(f, at) {
    if (typeof at === "string") return at;
    const name = codeOf(f.fn)?.vars?.[at];
    return name === undefined ? `slot ${at}` : `local ${quote(name)}`;
  },
  create: (r) => r.fail("a frame outside a frame chain"),
};

/**
 * Writes the chain from `top` (newest first, through `back`) as one list, so that deep
 * recursion does not nest: each frame is fn, pc, self, newTarget, then its slots as a
 * list. Frame records have no identity of their own (each belongs to one tasklet's
 * chain); everything they hold does.
 */
export function writeFrameChain(w: KindWriter, top: FrameRecordLike | null): void {
  const enc = w as Encoder;
  let n = 0;
  for (let f = top; f !== null; f = f.back) n++;
  w.list(n * 5);
  for (let f = top; f !== null; f = f.back) {
    if (codeOf(f.fn) === undefined) enc.fail(f.fn, "a frame of a function that is not tasklet code cannot be pickled");
    enc.enter(f, framePath);
    w.write(f.fn, "function");
    w.write(f.pc, "pc");
    w.write(f.self, "this");
    w.write(f.newTarget, "new.target");
    const vars = f.vars;
    w.list(vars.length);
    for (let i = 0; i < vars.length; i++) w.write(vars[i], i);
    enc.depth--;
  }
}

/** Reads what writeFrameChain wrote; returns the top record (null for an empty chain). */
export function readFrameChain(r: KindReader): FrameRecordLike | null {
  const n = r.list();
  if (n % 5 !== 0) r.fail("a frame chain whose length is not a multiple of 5");
  let top: FrameRecordLike | null = null;
  let last: FrameRecordLike | null = null;
  for (let i = 0; i < n; i += 5) {
    const fn = r.read();
    if (typeof fn !== "function" || codeOf(fn) === undefined) r.fail("a frame whose function is not tasklet code");
    const pc = r.readUint();
    const pcs = codeOf(fn)!.pcs;
    if (pcs !== undefined && 2 * pc >= Math.max(pcs.length, 2)) r.fail(`pc ${pc} is past the end of ${codeOf(fn)!.id}`);
    // pc 0 restarts the function without taking what the frame above delivers (only an
    // overflow record, always the newest frame, has it): below the top it would swallow
    // a return value or an exception.
    if (pc === 0 && last !== null) r.fail(`a frame of ${codeOf(fn)!.id} at pc 0 below the top of its chain`);
    const self = r.read();
    const newTarget = r.read();
    const m = r.list();
    const vars: unknown[] = [];
    for (let j = 0; j < m; j++) vars.push(r.read());
    // Same key order as rt.save, so restored records share its hidden class.
    const rec: FrameRecordLike = { fn, pc, self, vars, newTarget, back: null };
    if (last === null) top = rec;
    else last.back = rec;
    last = rec;
  }
  return top;
}


/**
 * Classes evaluated in tasklet code (a class declared inside a function or method: a
 * new class object at each evaluation), as pickling needs them (docs/frame-protocol.md
 * rule 12, "Classes evaluated in functions"; runtime/pickle/classes.ts writes them).
 *
 * - Such a class is made by a module-level class factory `$mkN($o, $sup, …)`, registered
 *   under a code record of its own (`$m.classFactory($cK, $mkN)`; a CLOSURE of that
 *   code is refused: only the CLASS kind evaluates a class, guarded).
 *   The last statement of the class's leading static block, `$m.cls($cK, this, $o, [$sup,
 *   $k0, …], [hidden variables], why?)`, registers the class here with what made it: the
 *   factory's code, the environment and the other arguments it was made with (the
 *   superclass, then the values of computed keys, property keys already).
 * - The hidden variables are the factory's own (compiler/emit/module.ts classFactory):
 *   the compiled functions of this evaluation (methods, accessors, the split
 *   constructor's init method, generator bodies, field initializers and static blocks),
 *   the factories of closures that live inside the class body (they use the class's own
 *   name, private names or `super`), and, for private instance methods, their code
 *   records (`$m.member(cls, fn)` adds the function when the first instance is made).
 *   A compiled function is a *member*: a frame of it pickles as (its class, its code id)
 *   and comes back as the restored class's member with that id. A closure made by an
 *   in-class factory is told its class too (`$m.home(fn, cls)`): it pickles as (class,
 *   code, environment) and comes back from the restored class's factory of that code.
 *   Both carry the class as `fn[HOME]` (runtime/keys.ts). The code of a member is marked
 *   *local*: a function of local code that has no class does not pickle (PickleError),
 *   since the loaded code's function belongs to another evaluation of the class.
 * - `why` (static private or accessor fields, a factory inside another such class's
 *   body: what cannot be made again) makes pickling the class a PickleError.
 * - Restoring calls the factory with `rt.restoring` set: the compiler guards the static
 *   elements left in the class body with it, so no code of the program runs; the
 *   leading static block (the registrations) runs as always.
 * - Registration runs at every evaluation of the class, so it only stores: one weak map
 *   entry for the class, `fn[HOME]` on each member. Members and factories are looked up
 *   by code id among the hidden variables when pickling needs them. (Measured, 200,000
 *   evaluations of a small class: a weak map entry per member cost 40% more time than
 *   no registration, the class's entry alone about 10%.)
 */
import { CODE, HOME } from "./keys.js";
import { rt, type CodeRecord } from "./protocol.js";
import { constructBranded, privateChain, privateStateOf } from "./private-state.js";

export interface LocalClass {
  readonly code: CodeRecord;
  readonly env: unknown;
  /** the factory's other arguments: the superclass (or null), then the computed keys' values */
  readonly args: readonly unknown[];
  /** the factory's hidden variables, then the members `$m.member` added */
  readonly hidden: unknown[];
  readonly unrestorable: string | null;
}

const classes = new WeakMap<Function, LocalClass>();
type Homed = Function & { [HOME]?: Function };
/**
 * On a closure factory (`$m.closure`): the code it makes, to find in-class factories
 * among the hidden variables. Factories are the compiler's own functions, which the
 * program never sees: a plain store, not a weak map entry per class evaluation.
 */
const MAKES: unique symbol = Symbol("makes");
/** Marks the code record of a member: a field of the runtime's own record, no weak set store per evaluation. */
const LOCAL: unique symbol = Symbol("local code");
type Marked = CodeRecord & { [LOCAL]?: true };

/** `$m.closure(code, factory)` notes the pair here. */
export function noteFactory(code: CodeRecord, factory: Function): void {
  (factory as { [MAKES]?: CodeRecord })[MAKES] = code;
}

/** `$m.cls(code, cls, env, args, hidden, why?)`: see the top. */
export function registerLocalClass(code: CodeRecord, cls: Function, env: unknown, args: readonly unknown[], hidden: unknown[], why?: string): void {
  classes.set(cls, { code, env, args, hidden, unrestorable: why ?? null });
  for (let i = 0; i < hidden.length; i++) {
    const v = hidden[i];
    if (typeof v === "function" && v !== cls) noteMember(cls, v);
  }
}

function noteMember(cls: Function, fn: Function): void {
  const own = (fn as { [CODE]?: Marked })[CODE];
  if (own === undefined) return;
  (fn as Homed)[HOME] = cls;
  if (own[LOCAL] !== true) own[LOCAL] = true;
}

/** `$m.member(cls, fn)`: `fn` (a compiled function) is a member of class `cls`'s evaluation; returns fn. */
export function registerMember<F extends Function>(cls: Function, fn: F): F {
  const lc = classes.get(cls);
  if (lc !== undefined) {
    lc.hidden.push(fn);
    noteMember(cls, fn);
  }
  return fn;
}

/** `$m.home(fn, cls)`: closure `fn` was made by a factory in the body of class `cls`'s evaluation. */
export function registerHome(fn: Function, cls: Function): void {
  (fn as Homed)[HOME] = cls;
}

export function localClassOf(cls: unknown): LocalClass | undefined {
  return typeof cls === "function" ? classes.get(cls) : undefined;
}

/**
 * The class evaluated in a function that compiled function `fn` belongs to, and whether
 * it is a member of it (else a closure its body made), or undefined.
 */
export function homeOf(fn: Function): { cls: Function; member: boolean } | undefined {
  const cls = Object.prototype.hasOwnProperty.call(fn, HOME) ? (fn as Homed)[HOME] : undefined;
  const lc = cls === undefined ? undefined : classes.get(cls);
  return lc === undefined ? undefined : { cls: cls!, member: lc.hidden.includes(fn) };
}

/** Is `code` the code of a member of a class evaluated in a function (so its functions pickle only as members)? */
export function isLocalCode(code: object): boolean {
  return (code as Marked)[LOCAL] === true;
}

/** The function among `lc`'s hidden variables that `codeOf` gives code `id` for. */
function find(lc: LocalClass, id: string, codeOf: (v: Function) => CodeRecord | undefined): Function | undefined {
  for (const v of lc.hidden) if (typeof v === "function" && codeOf(v)?.id === id) return v;
  return undefined;
}

const memberCode = (v: Function): CodeRecord | undefined => (v as { [CODE]?: CodeRecord })[CODE];
const madeCode = (v: Function): CodeRecord | undefined => (Object.prototype.hasOwnProperty.call(v, MAKES) ? (v as { [MAKES]?: CodeRecord })[MAKES] : undefined);

/**
 * The member of `cls` with code `id`. A private instance method's function is known from
 * the first instance on: if none was made yet, an instance is constructed for the brands
 * as unpickling constructs one (runtime/private-state.ts: no code of the program runs)
 * and dropped.
 */
export function memberOf(cls: Function, id: string): Function | undefined {
  const lc = classes.get(cls);
  if (lc === undefined) return undefined;
  const found = find(lc, id, memberCode);
  if (found !== undefined) return found;
  const chain = privateChain(cls);
  if (chain.length === 0 || chain.some((c) => privateStateOf(c)!.unrestorable !== null)) return undefined;
  constructBranded(cls, chain);
  return find(lc, id, memberCode);
}

/** The factory in the body of `cls`'s evaluation that makes closures of code `id`. */
export function factoryOf(cls: Function, id: string): Function | undefined {
  const lc = classes.get(cls);
  return lc === undefined ? undefined : find(lc, id, madeCode);
}

/** Calls a class factory with no code of the program running (see the top); returns the class. */
export function evaluateRestoring(factory: Function, env: unknown, args: readonly unknown[]): unknown {
  const was = rt.restoring;
  rt.restoring = true;
  try {
    const made: unknown = Reflect.apply(factory, undefined, [env, ...args]);
    // With static elements moved out of the class body, the factory returns [class, …their functions].
    return Array.isArray(made) ? made[0] : made;
  } finally {
    rt.restoring = was;
  }
}

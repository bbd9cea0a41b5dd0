/**
 * Classes evaluated in tasklet code (a class declared inside a function or method: a
 * new class object at each evaluation), as pickling needs them (docs/frame-protocol.md
 * rule 12, "Classes evaluated in functions"; runtime/pickle/classes.ts writes them).
 *
 * - Such a class is made by a module-level class factory `$mkN($o, $sup, …)`, registered
 *   like a closure's factory under a code record of its own (`$m.closure($cK, $mkN)`).
 *   The last statement of the class's leading static block, `$m.cls($cK, this, $o, [$sup,
 *   $k0, …], [hidden variables], why?)`, registers the class here with what made it: the
 *   factory's code, the environment and the other arguments it was made with (the
 *   superclass, then the values of computed keys, property keys already).
 * - The hidden variables are the factory's own (compiler/emit/module.ts classFactory):
 *   the compiled functions of this evaluation (methods, accessors, the split
 *   constructor's init method, generator bodies, field initializers and static blocks),
 *   the factories of closures that live inside the class body (they use the class's own
 *   name, private names or `super`), and, for private instance methods, their code
 *   records (`$m.member(cls, fn)` gives the function when the first instance is made).
 *   A compiled function is a *member*: a frame of it pickles as (its class, its code id)
 *   and comes back as the restored class's member with that id. A closure made by an
 *   in-class factory was told its class (`$m.home(fn, cls)`): it pickles as (class, code,
 *   environment) and comes back from the restored class's factory of that code. The
 *   codes of both are *local*: a function of local code that is neither (made before
 *   the class registered) does not pickle (PickleError), since the loaded code's factory
 *   would make it for another evaluation of the class.
 * - `why` (static private or accessor fields: state the class keeps where pickling
 *   cannot read it) makes pickling the class a PickleError.
 * - Restoring calls the factory with `rt.restoring` set: the compiler guards the static
 *   elements left in the class body with it, so no code of the program runs; the
 *   leading static block (the registrations) runs as always.
 * Keyed by the class and function objects in weak maps: nothing is added to them.
 */
import { CODE } from "./keys.js";
import { rt, type CodeRecord } from "./protocol.js";
import { constructBranded, privateChain, privateStateOf } from "./private-state.js";

export interface LocalClass {
  readonly code: CodeRecord;
  readonly env: unknown;
  /** the factory's other arguments: the superclass (or null), then the computed keys' values */
  readonly args: readonly unknown[];
  /** member code id -> this evaluation's function */
  readonly members: Map<string, Function>;
  /** code id -> this evaluation's factory of closures of that code (in the class body) */
  readonly factories: Map<string, Function>;
  readonly unrestorable: string | null;
}

const classes = new WeakMap<Function, LocalClass>();
const memberClass = new WeakMap<Function, Function>();
const homes = new WeakMap<Function, Function>();
const localCodes = new WeakSet<object>();
/** factory function -> its code record (`$m.closure`), to tell in-class factories among the hidden variables */
const factoryCodes = new WeakMap<Function, CodeRecord>();

/** `$m.closure(code, factory)` notes the pair here. */
export function noteFactory(code: CodeRecord, factory: Function): void {
  factoryCodes.set(factory, code);
}

function isCodeRecord(v: unknown): v is CodeRecord {
  return typeof v === "object" && v !== null && typeof (v as { id?: unknown }).id === "string" && typeof (v as { hash?: unknown }).hash === "string" && "factory" in v;
}

/** `$m.cls(code, cls, env, sup, hidden, why?)`: see the top. */
export function registerLocalClass(code: CodeRecord, cls: Function, env: unknown, args: readonly unknown[], hidden: readonly unknown[], why?: string): void {
  const lc: LocalClass = { code, env, args, members: new Map(), factories: new Map(), unrestorable: why ?? null };
  classes.set(cls, lc);
  for (const v of hidden) {
    if (typeof v === "function") {
      if (v !== cls && Object.prototype.hasOwnProperty.call(v, CODE)) registerMember(cls, v);
      const made = factoryCodes.get(v);
      if (made !== undefined) {
        lc.factories.set(made.id, v);
        localCodes.add(made);
      }
    } else if (isCodeRecord(v)) localCodes.add(v);
  }
}

/** `$m.member(cls, fn)`: `fn` (a compiled function) is a member of class `cls`'s evaluation; returns fn. */
export function registerMember<F extends Function>(cls: Function, fn: F): F {
  const lc = classes.get(cls);
  const own = (fn as unknown as { [CODE]?: CodeRecord })[CODE];
  if (lc === undefined || own === undefined) return fn;
  lc.members.set(own.id, fn);
  memberClass.set(fn, cls);
  localCodes.add(own);
  return fn;
}

/** `$m.home(fn, cls)`: closure `fn` was made by a factory in the body of class `cls`'s evaluation. */
export function registerHome(fn: Function, cls: Function): void {
  homes.set(fn, cls);
}

/** The class evaluated in a function whose in-class factory made closure `fn`, or undefined. */
export function homeOf(fn: Function): Function | undefined {
  return homes.get(fn);
}

/**
 * The member of `cls` with code `id`. A private instance method's function is known from
 * the first instance on: if none was made yet, an instance is constructed for the brands
 * as unpickling constructs one (runtime/private-state.ts: no code of the program runs)
 * and dropped.
 */
export function memberOf(cls: Function, id: string): Function | undefined {
  const lc = classes.get(cls);
  if (lc === undefined) return undefined;
  const chain = privateChain(cls);
  if (!lc.members.has(id) && chain.length > 0 && chain.every((c) => privateStateOf(c)!.unrestorable === null)) constructBranded(cls, chain);
  return lc.members.get(id);
}

export function localClassOf(cls: unknown): LocalClass | undefined {
  return typeof cls === "function" ? classes.get(cls) : undefined;
}

/** The class evaluated in a function whose member `fn` is, or undefined. */
export function memberClassOf(fn: Function): Function | undefined {
  return memberClass.get(fn);
}

/** Is `code` the code of a closure factory or lazily known member inside a class evaluated in a function? */
export function isLocalCode(code: object): boolean {
  return localCodes.has(code);
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

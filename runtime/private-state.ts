/**
 * Private state of instances of compiled classes (docs/frame-protocol.md rule 12,
 * "Private state"): what pickling needs to save and give back `#x` fields and the brands
 * of private methods, which JavaScript lets only code inside the class body touch.
 *
 * - A compiled class that declares private instance fields, methods or accessors
 *   registers, from its leading static block, closures made inside its body:
 *   `read(o)` gives o's private field values in declaration order, or null when o never
 *   got this class's brand; it throws TypeError when o got the brand but not every field
 *   (a constructor that threw half way). `write(o, values)` stores them.
 * - Only that class's constructor can add its brand to an object. Restoring constructs
 *   the object through the constructors of the classes in its chain that have private
 *   state, and of no other class, with `rt.restoring` set: the compiler guards those
 *   constructors and field initializers so that they run no code of the program then
 *   (`if ($rt.restoring) return;`, `x = $rt.restoring ? void 0 : init`). Each such class's
 *   [[Prototype]] points, for the time of that one construction, at the next one up the
 *   chain (or at a stub constructor past the last), since `super()` looks its parent up
 *   there; every change is undone before construct returns, also when it throws.
 * Keyed by the class object, so classes made in functions register too (their instances
 * need the brands of such a parent); nothing is added to the class.
 */

// protocol.ts imports this module (rt.module's `privates`); rt is read only when called.
import { rt } from "./protocol.js";

export interface PrivateState {
  /** the private field names, "#x", in declaration order (what read/write carry) */
  readonly names: readonly string[];
  read(o: object): unknown[] | null;
  write(o: object, values: readonly unknown[]): void;
  /** Why instances cannot be restored (the constructor runs code the guard cannot skip), or null. */
  readonly unrestorable: string | null;
}

const states = new WeakMap<Function, PrivateState>();

/** `$m.privates(…)`: see the top. */
export function registerPrivates(cls: Function, names: readonly string[], read: PrivateState["read"], write: PrivateState["write"], unrestorable?: string): void {
  states.set(cls, { names, read, write, unrestorable: unrestorable ?? null });
}

export function privateStateOf(cls: Function): PrivateState | undefined {
  return states.get(cls);
}

/** The classes with private state in `C`'s constructor chain (C, its parent, …), most derived first. */
export function privateChain(C: Function): Function[] {
  const out: Function[] = [];
  for (let c: unknown = C; typeof c === "function" && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    if (states.has(c)) out.push(c);
  }
  return out;
}

/** The parent the last class of a chain constructs when restoring: creates `this` from new.target, runs nothing. */
function Stub(): void {}

/**
 * A new object whose prototype is `C.prototype` and which has the brands and private
 * fields (undefined) of every class of `chain` (privateChain(C)), made without running
 * any code of the program. Its own properties are the public fields those classes
 * define (the caller deletes them). Throws what the engine throws (a frozen class
 * cannot have its prototype changed), with every prototype restored.
 */
export function constructBranded(C: Function, chain: readonly Function[]): object {
  if (chain.length === 0) throw new TypeError(`constructBranded(${C.name}): no compiled class with private state in its chain`);
  const swapped: [Function, object | null][] = [];
  try {
    for (let i = 0; i < chain.length; i++) {
      const cls = chain[i]!;
      const was = Object.getPrototypeOf(cls) as object | null;
      // The last one: a base class never calls super(), its parent can stay.
      const parent = i + 1 < chain.length ? chain[i + 1]! : was === Function.prototype ? was : Stub;
      if (parent === was) continue;
      Object.setPrototypeOf(cls, parent);
      swapped.push([cls, was]);
    }
    rt.restoring = true;
    return Reflect.construct(chain[0]!, [], C) as object;
  } finally {
    rt.restoring = false;
    for (let i = swapped.length - 1; i >= 0; i--) Object.setPrototypeOf(swapped[i]![0], swapped[i]![1]);
  }
}

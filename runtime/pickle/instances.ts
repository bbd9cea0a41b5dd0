/**
 * Instances of classes of tasklet code (registerModuleBinding(…, { instances: true }), or
 * evaluated in a function: classes.ts): the class (by reference, or by value), the own
 * enumerable properties, and the private state of the compiled classes in its chain
 * (runtime/private-state.ts). docs/FORMAT.md INSTANCE.
 *
 * - Variant 0: no class of the chain registered private state, or the object has none of
 *   their brands (made by Object.create, or restored from an older snapshot). It comes
 *   back as `Object.create(C.prototype)`, as before private state was pickled.
 * - Variant 1: the head has, after the class, a list with a flag per class of
 *   privateChain(C), most derived first: whether the object has that class's brand; the
 *   body has, after the props, a props block of private fields by name ("#hp") per class
 *   whose flag is set. The object comes back constructed through the
 *   classes whose brand it had (constructBranded), with their constructors and field
 *   initializers skipped; the public fields that construction defined are deleted before
 *   the props are defined, so own keys keep the snapshot's order.
 * - An object with some but not all of one class's private fields (its constructor threw
 *   half way) cannot be made again: PickleError. So is an instance of a class whose
 *   constructor the compiler cannot guard (the class's registration says why).
 * - The private values are written into the object in fill, once it has its id: they
 *   may lead back to it.
 */
import { CodeChangedError } from "../errors.js";
import { constructBranded, privateChain, privateStateOf } from "../private-state.js";
import { localClassOf } from "../local-classes.js";
import { EXT } from "./extensions.js";
import { Encoder, resolvers } from "./encoder.js";
import type { Decoder } from "./decoder.js";
import { describeValue } from "./path.js";
import { defineKind, instanceClasses, kindsByProto, type Kind } from "./registry.js";

const PRIVATE = 1;

type Block = Record<string, unknown> | null;

interface Found {
  o: object;
  /** per class of privateChain, null where o lacks the brand; null when o has none */
  blocks: Block[] | null;
  problem: string | null;
  cause: unknown;
}

/** What variant() found for the object head() and body() then write: nothing else is pickled in between. */
let found: Found | null = null;

function foundFor(o: object): Found {
  return found !== null && found.o === o ? found : privateBlocks(o);
}

function classOf(o: object): Function {
  return (Object.getPrototypeOf(o) as { constructor: Function }).constructor;
}

/** The private state of o per class of its chain (null: lacks that brand), or why it cannot be pickled. */
function privateBlocks(o: object): Found {
  const C = classOf(o);
  const blocks: Block[] = [];
  let branded = false;
  for (const cls of privateChain(C)) {
    const state = privateStateOf(cls)!;
    let values: unknown[] | null;
    try {
      values = state.read(o);
    } catch (e) {
      const problem = `its construction did not finish (it has some of the private fields of class ${cls.name} but not all: the constructor threw), so it cannot be made again`;
      return { o, blocks: null, problem, cause: e };
    }
    if (values === null) {
      blocks.push(null);
      continue;
    }
    if (state.unrestorable !== null) return { o, blocks: null, problem: state.unrestorable, cause: undefined };
    const block = Object.create(null) as Record<string, unknown>;
    state.names.forEach((name, i) => (block[name] = values[i]));
    blocks.push(block);
    branded = true;
  }
  return { o, blocks: branded ? blocks : null, problem: null, cause: undefined };
}

/** privateChain(C) of the loaded code, checked against the snapshot's length of it. */
function loadedChain(C: Function, count: number): Function[] {
  const chain = privateChain(C);
  if (chain.length !== count) {
    throw new CodeChangedError(`class ${C.name} changed since the snapshot was taken: ${count} classes with private state in its chain then, ${chain.length} now`);
  }
  return chain;
}

/** Module-level classes of tasklet code (by reference) and classes evaluated in functions (by value: classes.ts). */
function instancesPickle(C: Function): boolean {
  return instanceClasses.has(C) || localClassOf(C) !== undefined;
}

/** The classes create() constructed the object through, read by the fill() that follows it with nothing in between. */
let constructedFor: Function[] = [];

const instanceKind: Kind<object> = {
  code: EXT.INSTANCE,
  name: "instance",
  classes: [],
  variant(o) {
    found = privateBlocks(o);
    return found.blocks !== null || found.problem !== null ? PRIVATE : 0;
  },
  describe: (o) => describeValue(o),
  head(o, w) {
    const mine = foundFor(o);
    if (mine.problem !== null) {
      found = null;
      (w as Encoder).fail(o, mine.problem, mine.cause, true);
    }
    w.write(classOf(o), "class");
    if (mine.blocks === null) return;
    w.list(mine.blocks.length);
    for (const block of mine.blocks) w.write(block !== null);
  },
  create(r, variant) {
    const C = r.read();
    if (typeof C !== "function" || !instancesPickle(C)) return r.fail("an instance of a class that is not registered for instances");
    constructedFor = [];
    if (variant === 0) return Object.create(C.prototype as object) as object;
    if (variant !== PRIVATE) return r.fail(`instance variant ${variant}`);
    const branded = loadedChain(C, r.list()).filter(() => {
      const flag = r.read();
      return typeof flag === "boolean" ? flag : r.fail("a brand flag that is not a boolean");
    });
    if (branded.length === 0) r.fail("an instance with private state but none of its classes' brands");
    for (const cls of branded) {
      const why = privateStateOf(cls)!.unrestorable;
      if (why !== null) r.fail(`an instance of ${C.name}, which cannot be restored: ${why}`);
    }
    const o = constructBranded(C, branded);
    for (const k of Reflect.ownKeys(o)) {
      if (!Reflect.deleteProperty(o, k)) r.fail(`class ${C.name} defines a field ${String(k)} that cannot be deleted`);
    }
    constructedFor = branded;
    return o;
  },
  body(o, w) {
    const enc = w as Encoder;
    const mine = foundFor(o);
    found = null;
    enc.props(o as Record<string, unknown>, Object.keys(o));
    for (const block of mine.blocks ?? []) if (block !== null) enc.props(block, Object.keys(block));
  },
  fill(o, r) {
    const branded = constructedFor;
    constructedFor = [];
    const dec = r as Decoder;
    // defineProperty: a setter of the class must not run with data from the snapshot.
    dec.readPropsInto(o, true);
    for (const cls of branded) {
      const state = privateStateOf(cls)!;
      const block = Object.create(null) as Record<string, unknown>;
      dec.readPropsInto(block, true);
      const names = Object.keys(block);
      if (names.length !== state.names.length || names.some((name, i) => name !== state.names[i])) {
        throw new CodeChangedError(`class ${cls.name} changed since the snapshot was taken: private fields ${names.join(", ") || "(none)"} then, ${state.names.join(", ") || "(none)"} now`);
      }
      state.write(o, names.map((name) => block[name]));
    }
  },
};
defineKind(instanceKind);

resolvers.push((_o, proto) => {
  if (proto === null) return undefined;
  const C = (proto as { constructor?: unknown }).constructor;
  if (typeof C !== "function" || C.prototype !== proto || !instancesPickle(C)) return undefined;
  // Object.create(C.prototype) cannot give the internal slots of a built-in parent
  // (a Map's entries, an array's length): such classes need a pickler.
  for (let p = Object.getPrototypeOf(proto); p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    if (p === Array.prototype || p === Function.prototype || kindsByProto.has(p)) {
      return `an instance of ${C.name}, which extends the built-in ${describeValue(Object.create(p))}: register a pickler for it (registerPickler)`;
    }
  }
  return instanceKind;
});


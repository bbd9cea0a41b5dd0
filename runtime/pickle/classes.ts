/**
 * Classes evaluated in functions (a class declared inside a function or method of
 * tasklet code), by value of their definition: docs/FORMAT.md CLASS,
 * runtime/local-classes.ts.
 *
 * - Head: the class factory's code id and hash (CodeChangedError as for closures), its
 *   environment (as a closure's: a plain record met for the first time is a shell that
 *   gets its id first and its properties in the body, so it may hold the class), then
 *   one list of the factory's other arguments: the superclass as any value (a
 *   module-level class by reference, another such class by value, null), then the
 *   computed keys' values. The reader calls the factory with them and `rt.restoring`
 *   set: the class comes back with no code of the program run (evaluateRestoring).
 * - Body: the environment's properties (shell), then the class's own enumerable string
 *   keys (static fields, properties the program added), then its prototype's (what the
 *   program added there; methods are not enumerable). The reader deletes the static
 *   fields the evaluation defined (undefined under the guard) and defines the snapshot's,
 *   in its order, by defineProperty (no setter runs).
 * - Methods, accessors and the other compiled functions of the class are not written
 *   here: a frame of one writes its function as (class, code id), CLOSURE env mode 4.
 * - A class the compiler marked unrestorable (static private or accessor fields, a factory
 *   in the body of another class evaluated in a function) is a PickleError.
 */
import { EXT } from "./extensions.js";
import { Encoder, functionKind, setFunctionKind } from "./encoder.js";
import type { Decoder } from "./decoder.js";
import { fillEnv, loadCode, readEnvHead, writeEnvBody, writeEnvHead } from "./code.js";
import { defineKind, type Kind } from "./registry.js";
import { evaluateRestoring, localClassOf, type LocalClass } from "../local-classes.js";

/** Set at the end of create(), read by the fill() that follows it with nothing in between. */
let shellEnv: object | null = null;

function registered(cls: Function): LocalClass {
  const lc = localClassOf(cls);
  if (lc === undefined) throw new TypeError(`class ${cls.name}: not a class evaluated in a function`);
  return lc;
}

const classKind: Kind<Function> = {
  code: EXT.CLASS,
  name: "class",
  classes: [],
  describe(cls) {
    const code = registered(cls).code;
    return `class ${cls.name || "<anonymous>"} (${code.module.id}:${code.line}, evaluated in a function)`;
  },
  head(cls, w) {
    const enc = w as Encoder;
    const lc = registered(cls);
    if (lc.unrestorable !== null) enc.fail(cls, lc.unrestorable, undefined, true);
    w.write(lc.code.id, "code");
    w.write(lc.code.hash, "code");
    writeEnvHead(enc, lc.env);
    w.list(lc.args.length);
    lc.args.forEach((a, i) => w.write(a, i === 0 ? "superclass" : `computed key ${i - 1}`));
  },
  create(r) {
    const id = r.readString();
    const hash = r.readString();
    const mode = r.readUint();
    const entry = loadCode(id, hash, "class");
    const factory = entry.factory;
    if (!factory || entry.classFactory !== true) return r.fail(`code ${id} has no class factory`);
    const { env, shell } = readEnvHead(r, mode);
    const n = r.list();
    if (n === 0) r.fail("a class without its superclass");
    const args: unknown[] = [];
    for (let i = 0; i < n; i++) args.push(r.read());
    if (args[0] !== null && typeof args[0] !== "function") r.fail("a superclass that is neither null nor a function");
    if (args.slice(1).some((k) => typeof k !== "string" && typeof k !== "symbol")) r.fail("a computed key that is neither a string nor a symbol");
    const cls = evaluateRestoring(factory, env, args);
    if (typeof cls !== "function" || localClassOf(cls) === undefined) return r.fail(`code ${id} did not make a class evaluated in a function`);
    shellEnv = shell;
    return cls;
  },
  body(cls, w) {
    const enc = w as Encoder;
    writeEnvBody(enc, registered(cls).env);
    const proto = (cls as { prototype: Record<string, unknown> }).prototype;
    enc.labels[enc.depth - 1] = "static";
    enc.props(cls as unknown as Record<string, unknown>, Object.keys(cls));
    enc.labels[enc.depth - 1] = "prototype";
    enc.props(proto, Object.keys(proto));
  },
  fill(cls, r) {
    const shell = shellEnv;
    shellEnv = null;
    fillEnv(r, shell);
    for (const k of Object.keys(cls)) {
      if (!Reflect.deleteProperty(cls, k)) r.fail(`class ${cls.name} defines a static field ${k} that cannot be deleted`);
    }
    const dec = r as Decoder;
    dec.readPropsInto(cls, true);
    dec.readPropsInto((cls as { prototype: object }).prototype, true);
  },
};
defineKind(classKind);

// Before the closures' kind (code.ts): a class evaluated in a function has no code record of its own.
const closureOrPlain = functionKind!;
setFunctionKind((fn) => (localClassOf(fn) !== undefined ? classKind : closureOrPlain(fn)));

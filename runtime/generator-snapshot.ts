/**
 * Pickling compiled generators (docs/FORMAT.md GENERATOR; protocol "Generators").
 *
 * A generator object of a compiled generator function is its state record
 * (runtime/generator.ts): status, the body (a closure of tasklet code), `this`, the
 * arguments until it starts, and the body's frame record while it is suspended at a
 * yield. A restored generator is a fresh native generator primed to stand at its
 * `yield*` over the restored record, with the original's prototype (the generator
 * function's `prototype`, by way of the function: a module binding or a closure).
 *
 * A generator whose tasklet is paused inside its body (a soft switch in the body) is
 * Running: its body's frames are in the tasklet's records, above a `resumeGenerator`
 * record that settles the state when the body yields or ends (runtime/generator-soft.ts).
 */
import { EXT } from "./pickle/extensions.js";
import { Encoder, resolvers } from "./pickle/encoder.js";
import { generatorLinks, readFrameChain, writeFrameChain } from "./pickle/code.js";
import { registerKind, type Kind } from "./pickle/registry.js";
import type { Decoder } from "./pickle/decoder.js";
import type { FrameRecord } from "./protocol.js";
import {
  generatorBody,
  generatorWrapper,
  GeneratorPrototype,
  GeneratorState,
  isCompiledGenerator,
  linkedState,
  restoreGenerator,
  stateOf,
  Status,
  wrapperOfPrototype,
} from "./generator.js";

generatorLinks.bodyOf = generatorBody;
generatorLinks.wrapperOf = generatorWrapper;

/** Variants: how the prototype travels. */
const BY_FUNCTION = 0;
const BY_VALUE = 1;

const generatorKind: Kind<object> = {
  code: EXT.GENERATOR,
  name: "generator",
  classes: [],
  describe(g) {
    const w = wrapperOfPrototype(Object.getPrototypeOf(g));
    return `generator ${w?.name || "<anonymous>"}`;
  },
  variant: (g) => (wrapperOfPrototype(Object.getPrototypeOf(g)) !== undefined ? BY_FUNCTION : BY_VALUE),
  head(g, w) {
    const proto = Object.getPrototypeOf(g) as object | null;
    w.write(wrapperOfPrototype(proto) ?? proto, "prototype");
  },
  create(r, variant) {
    const p = r.read();
    let proto: unknown;
    if (variant === BY_FUNCTION) {
      if (typeof p !== "function" || generatorBody(p) === undefined) r.fail("a generator whose function is not a compiled generator function");
      proto = (p as { prototype: unknown }).prototype;
      if (typeof proto !== "object" || proto === null) proto = GeneratorPrototype; // as the spec's OrdinaryCreateFromConstructor
    } else if (variant === BY_VALUE) {
      proto = p;
    } else {
      return r.fail(`generator variant ${variant}`);
    }
    if (typeof proto !== "object") r.fail("a generator prototype that is not an object or null");
    return restoreGenerator(new GeneratorState(null, undefined, null), proto as object | null);
  },
  body(g, w) {
    // Links (primes) a generator that only its native wrapper knew: nothing runs. One
    // that plain code is running natively (its body under the native driver) cannot be.
    let s: GeneratorState | null;
    try {
      s = stateOf(g);
    } catch (e) {
      return (w as Encoder).fail(g, "a generator running in plain code (its body's frames are on the JavaScript stack)", e);
    }
    if (s === null) return (w as Encoder).fail(g, "a generator whose record cannot be found");
    w.list(6);
    w.write(s.status, "status");
    w.write(s.body, "body");
    w.write(s.self, "this");
    w.write(s.args, "arguments");
    writeFrameChain(w, s.frame);
    (w as Encoder).props(g as Record<string, unknown>, Object.keys(g));
  },
  fill(g, r) {
    if (r.list() !== 6) r.fail("a generator record of the wrong length");
    const status = r.readUint();
    if (status > Status.Done) r.fail(`generator status ${status}`);
    const body = r.read();
    if (body !== null && (typeof body !== "function" || generatorWrapper(body) === undefined)) r.fail("a generator body that is not a compiled generator's");
    const self = r.read();
    const args = r.read();
    if (args !== null && !Array.isArray(args)) r.fail("generator arguments that are not an array");
    const frame = readFrameChain(r) as FrameRecord | null;
    if (frame !== null && frame.back !== null) r.fail("a generator with more than one frame");
    if ((status === Status.Suspended) !== (frame !== null)) r.fail("a suspended generator without its frame, or a frame on one that is not suspended");
    if (status === Status.Start && (body === null || args === null)) r.fail("a generator to start without its body or arguments");
    if (status !== Status.Done && body === null) r.fail("a live generator without its body");
    if (frame !== null && frame.fn !== body) r.fail("a generator whose frame is not its body's");
    const s = linkedState(g)!;
    s.status = status as Status;
    s.body = body as Function | null;
    s.self = self;
    s.args = args as unknown[] | null;
    s.frame = frame;
    (r as Decoder).readPropsInto(g, false);
  },
};
registerKind(generatorKind);

// Generator objects have no class of their own: found by their (function's) prototype.
resolvers.push((o) => (isCompiledGenerator(o) ? generatorKind : undefined));

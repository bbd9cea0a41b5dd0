/**
 * Pickling compiled async generators (docs/FORMAT.md ASYNC_GENERATOR, AGEN_STATE; protocol
 * "Async generators").
 *
 * Two kinds. The state record (runtime/async-generator.ts) is its own kind, since a
 * step's tasklet holds it too (a body blocked on a channel: its frames are that
 * tasklet's records). A generator object is its function (the wrapper: by reference, or
 * a closure through its body), its prototype and its record; the copy is a native async
 * generator made by the generic wrapper (runtime/agen-restorer.src.ts: the source's
 * parameters do not run again) and primed over the restored record, with the
 * prototype, so it stands at a yield (a microtask after restore: a yield awaits its
 * value).
 *
 * What cannot be pickled, and why (PickleError naming the function):
 * - a generator suspended inside a finally block that a return() started: the pending
 *   return completion lives in the wrapper's native finally, with a value no code can
 *   read;
 * - a generator suspended in `yield*`: the delegation state is the engine's;
 * - a generator whose body runs (a step blocked on a tasklet operation, or awaiting):
 *   its wrapper awaits a promise.
 */
import { EXT } from "./pickle/extensions.js";
import { Encoder, resolvers } from "./pickle/encoder.js";
import { readFrameChain, writeFrameChain } from "./pickle/code.js";
import { afterUnpickle, registerKind, type Kind } from "./pickle/registry.js";
import { registerPickler } from "./pickle/index.js";
import { AsyncFromSyncIterator } from "./async-iteration.js";
import { ArrayWalker } from "./lists.js";
import { StringWalker } from "./string-walker.js";
import { CollectionCursor } from "./collection-cursor.js";
import type { Decoder } from "./pickle/decoder.js";
import type { FrameRecord } from "./protocol.js";
import { generatorBody, generatorWrapper } from "./generator.js";
import { agenRestorer } from "./generated/agen-restorer.js";
import {
  AgenStatus,
  asyncWrapperOfPrototype,
  AsyncGeneratorState,
  isAsyncGeneratorFunction,
  isCompiledAsyncGenerator,
  Op,
  restoreAsyncGenerator,
  stateOf,
} from "./async-generator.js";

function nameOf(s: AsyncGeneratorState): string {
  const w = s.body !== null ? generatorWrapper(s.body) : undefined;
  return w?.name || "<anonymous>";
}

const stateKind: Kind<AsyncGeneratorState> = {
  code: EXT.AGEN_STATE,
  name: "async generator record",
  classes: [AsyncGeneratorState],
  describe: (s) => `async generator record ${nameOf(s)}`,
  body(s, w) {
    const enc = w as Encoder;
    if (s.level > 0) enc.fail(s, `async generator ${nameOf(s)} is suspended in a finally block run by return(): the pending return completion lives in its native wrapper and cannot be saved`);
    if (s.status === AgenStatus.Suspended && s.op === Op.YieldStar) enc.fail(s, `async generator ${nameOf(s)} is suspended in yield*: the delegation state is the engine's and cannot be saved`);
    w.list(6);
    w.write(s.status, "status");
    w.write(s.body, "body");
    w.write(s.self, "this");
    w.write(s.args, "arguments");
    w.write(s.op, "request");
    writeFrameChain(w, s.frame);
  },
  create: () => new AsyncGeneratorState(null, undefined, null),
  fill(s, r) {
    if (r.list() !== 6) r.fail("an async generator record of the wrong length");
    const status = r.readUint();
    if (status > AgenStatus.Done) r.fail(`async generator status ${status}`);
    const body = r.read();
    if (body !== null && (typeof body !== "function" || !isAsyncGeneratorFunction(generatorWrapper(body)))) r.fail("an async generator body that is not a compiled async generator's");
    const self = r.read();
    const args = r.read();
    if (args !== null && !Array.isArray(args)) r.fail("async generator arguments that are not an array");
    const op = r.readUint();
    const frame = readFrameChain(r) as FrameRecord | null;
    if (frame !== null && frame.back !== null) r.fail("an async generator with more than one frame");
    if ((status === AgenStatus.Suspended) !== (frame !== null)) r.fail("a suspended async generator without its frame, or a frame on one that is not suspended");
    if (status === AgenStatus.Start && (body === null || args === null)) r.fail("an async generator to start without its body or arguments");
    if (status !== AgenStatus.Done && body === null) r.fail("a live async generator without its body");
    if (frame !== null && frame.fn !== body) r.fail("an async generator whose frame is not its body's");
    s.status = status as AgenStatus;
    s.body = body as Function | null;
    s.self = self;
    s.args = args as unknown[] | null;
    s.op = op;
    s.frame = frame;
  },
};
registerKind(stateKind);

/** Variants: the prototype is the wrapper's own `prototype`, or another value. */
const OWN_PROTOTYPE = 0;
const OTHER_PROTOTYPE = 1;

const generatorKind: Kind<object> = {
  code: EXT.ASYNC_GENERATOR,
  name: "async generator",
  classes: [],
  describe: (g) => `async generator ${asyncWrapperOfPrototype(Object.getPrototypeOf(g))?.name || "<anonymous>"}`,
  variant: (g) => (asyncWrapperOfPrototype(Object.getPrototypeOf(g)) !== undefined ? OWN_PROTOTYPE : OTHER_PROTOTYPE),
  head(g, w) {
    const enc = w as Encoder;
    let s: AsyncGeneratorState | null;
    try {
      s = stateOf(g);
    } catch (e) {
      return enc.fail(g, `an async generator that cannot be linked now: ${(e as Error).message}`, e);
    }
    if (s === null) return enc.fail(g, "an async generator whose record cannot be found");
    if (s.status === AgenStatus.Running) enc.fail(g, `async generator ${nameOf(s)} is running (its body is blocked in a step, or its wrapper awaits): pickle it at a yield`);
    const proto = Object.getPrototypeOf(g) as object | null;
    const wrapper = asyncWrapperOfPrototype(proto) ?? (s.body !== null ? generatorWrapper(s.body) : undefined);
    if (wrapper === undefined) enc.fail(g, "an async generator whose function is not known (neither its prototype nor its body names it)");
    w.write(wrapper, "function");
    w.write(asyncWrapperOfPrototype(proto) !== undefined ? null : proto, "prototype");
    w.write(s, "record");
  },
  create(r, variant) {
    const wrapper = r.read();
    if (typeof wrapper !== "function" || !isAsyncGeneratorFunction(wrapper) || generatorBody(wrapper) === undefined) r.fail("an async generator whose function is not a compiled async generator function");
    const p = r.read();
    if (variant !== OWN_PROTOTYPE && variant !== OTHER_PROTOTYPE) r.fail(`async generator variant ${variant}`);
    let proto: unknown = variant === OWN_PROTOTYPE ? (wrapper as { prototype: unknown }).prototype : p;
    if (variant === OWN_PROTOTYPE && (typeof proto !== "object" || proto === null)) proto = AsyncGeneratorPrototype;
    if (typeof proto !== "object") r.fail("an async generator prototype that is not an object or null");
    const s = r.read();
    if (!(s instanceof AsyncGeneratorState)) return r.fail("an async generator without its record");
    return restoreAsyncGenerator(agenRestorer, s, proto as object | null);
  },
  body(g, w) {
    (w as Encoder).props(g as Record<string, unknown>, Object.keys(g));
  },
  fill(g, r) {
    (r as Decoder).readPropsInto(g, false);
  },
};
registerKind(generatorKind);

/** %AsyncGeneratorPrototype% */
const AsyncGeneratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf((async function* () {})())) as object;

// Async generator objects have no class of their own: found by their function's prototype.
resolvers.push((o) => (isCompiledAsyncGenerator(o) ? generatorKind : undefined));

// A `for await` over a sync iterable holds one in a frame slot.
registerPickler(AsyncFromSyncIterator, {
  name: "stackless-ts:AsyncFromSyncIterator",
  reduce: (o) => [o.sync, o.nextMethod],
  restore: (d: [object, unknown]) => new AsyncFromSyncIterator(d[0], d[1]),
});
// A compiled for-of, yield* or array pattern over a Map, Set or `x.entries()` holds one.
registerPickler(CollectionCursor, {
  name: "stackless-ts:CollectionCursor",
  reduce: (o) => o.reduce(),
  restore: (d: unknown) => {
    const c = CollectionCursor.restore(d);
    // Placed among the entries as pickled, before the program can delete one behind it.
    afterUnpickle(() => c.place());
    return c;
  },
});
registerPickler(StringWalker, {
  name: "stackless-ts:StringWalker",
  reduce: (o) => [o.string, o.index],
  restore: (d: unknown) => StringWalker.restore(d),
});
registerPickler(ArrayWalker, {
  name: "stackless-ts:ArrayWalker",
  reduce: (o) => [o.array, o.index],
  restore: (d: [unknown[] | null, number]) => {
    const w = new ArrayWalker(d[0]);
    w.index = d[1];
    return w;
  },
});

/**
 * pickle(value) -> bytes and unpickle(bytes) -> value: the whole graph, shared
 * references and cycles kept. The format is docs/FORMAT.md: a 6-byte msgpack header
 * (magic "SLP" + FORMAT_VERSION), then one msgpack value with the extension types of
 * extensions.ts.
 *
 * Contract
 * - pickle either returns bytes or throws PickleError whose message is the path to the
 *   culprit; it has no side effect besides what getters and picklers' reduce() do.
 * - unpickle either returns or throws UnpickleError (bytes that are not a snapshot of
 *   this version: truncated, corrupted, crafted) or CodeChangedError (tasklet code
 *   changed since). Nothing else escapes it: a throw from a user's restore() or from a
 *   built-in constructor fed bad data becomes UnpickleError with it as `cause`.
 */
import { CodeChangedError, PickleError, UnpickleError } from "../errors.js";
import { Encoder } from "./encoder.js";
import { Decoder } from "./decoder.js";
import { EXT, FORMAT_VERSION, HEADER_BYTES, MAGIC } from "./extensions.js";
import { decodeWhole } from "./registry.js";
import "./kinds.js";
import "./code.js";
import "./classes.js";
import "./instances.js";

export { registerPickler, registerExternal, registerModuleBinding, registerKind, setCodeLookup } from "./registry.js";
export type { Pickler, Kind, KindReader, KindWriter, PathLabel, CodeEntry, CodeLookup } from "./registry.js";
export { writeFrameChain, readFrameChain, type FrameRecordLike } from "./code.js";
export { EXT, FORMAT_VERSION } from "./extensions.js";

/** One encoder reused between calls (its buffer grows once); a nested pickle() (from a reduce()) gets its own. */
let spare: Encoder | null = new Encoder(new Uint8Array(1 << 16));

/** Buffers above this size are not kept for reuse. */
const KEEP_BYTES = 1 << 24;

function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

/** Pickles any graph of supported values (API.md "Pickling"); throws PickleError naming the path to what is not. */
export function pickle(value: unknown): Uint8Array {
  return pickleRooted(value, null);
}

/** pickle(), writing value and `roots` by value even where a module binds them (Encoder.root). */
export function pickleRooted(value: unknown, roots: ReadonlySet<unknown> | null): Uint8Array {
  const enc = spare ?? new Encoder(new Uint8Array(1 << 12));
  spare = null;
  try {
    enc.header();
    enc.root = typeof value === "object" ? value : undefined; // functions and classes stay references
    enc.roots = roots;
    enc.value(value);
    return enc.buf.slice(0, enc.pos);
  } catch (e) {
    if (e instanceof PickleError) throw e;
    const at = enc.depth > 0 ? enc.trail[enc.depth - 1] : value;
    const why = isStackOverflow(e) ? "nested too deep for the JS stack" : `${(e as Error)?.name ?? "error"} thrown while pickling it: ${(e as Error)?.message ?? String(e)}`;
    return enc.fail(at, why, e, enc.depth > 0);
  } finally {
    enc.reset();
    if (enc.buf.length <= KEEP_BYTES) spare = enc;
  }
}

/** Unpickles bytes made by pickle(); throws UnpickleError (or CodeChangedError), never anything else. */
export function unpickle(bytes: Uint8Array): unknown {
  if (!(bytes instanceof Uint8Array)) {
    throw new UnpickleError(`unpickle(bytes): expected a Uint8Array, got ${bytes === null ? "null" : typeof bytes}`);
  }
  checkHeader(bytes);
  const dec = new Decoder(bytes, HEADER_BYTES);
  try {
    return decodeWhole(() => {
      const v = dec.decode();
      if (dec.pos !== dec.end) dec.fail(`${dec.end - dec.pos} bytes after the value`);
      return v;
    });
  } catch (e) {
    if (e instanceof UnpickleError || e instanceof CodeChangedError) throw e;
    const why = isStackOverflow(e) ? "nested too deep for the JS stack" : `${(e as Error)?.name ?? "error"}: ${(e as Error)?.message ?? String(e)}`;
    throw new UnpickleError(`corrupt snapshot at byte ${dec.pos}: ${why}`, { cause: e });
  }
}

export interface UnpickleAsyncOptions {
  /** Imports the module with this id (a path from the package root, as in code ids). */
  load(moduleId: string): Promise<unknown>;
}

/**
 * unpickle() that first imports the modules the snapshot needs and that are not loaded
 * yet. It tries to unpickle; when that fails for want of a module, it loads that module
 * and tries again, once per module. So a pickler's restore() may run more than once for
 * one call (the tries before the last are thrown away): keep restore() free of side
 * effects. Rejects with what unpickle throws, or with what `load` rejects with.
 */
export async function unpickleAsync(bytes: Uint8Array, options: UnpickleAsyncOptions): Promise<unknown> {
  return withModules(() => unpickle(bytes), options?.load);
}

/**
 * Runs `attempt` (a synchronous unpickle), loading the module a failed try names and
 * trying again, once per module. For callers that wrap unpickle() (runtime/snapshot.ts).
 */
export async function withModules<T>(attempt: () => T, load: (moduleId: string) => Promise<unknown>): Promise<T> {
  if (typeof load !== "function") {
    throw new TypeError("unpickleAsync/restoreSnapshotAsync(bytes, { load }): options.load must be a function that imports a module by its id (a path from the package root, as code ids name it), e.g. (id) => import(new URL(id, rootUrl).href)");
  }
  const loaded = new Set<string>();
  for (;;) {
    try {
      return attempt();
    } catch (e) {
      const moduleId = e instanceof UnpickleError ? (e as UnpickleError & { moduleId?: unknown }).moduleId : undefined;
      if (typeof moduleId !== "string" || loaded.has(moduleId)) throw e;
      loaded.add(moduleId);
      await load(moduleId);
    }
  }
}

function checkHeader(b: Uint8Array): void {
  if (b.length < HEADER_BYTES || b[0] !== 0xd6 || b[1] !== EXT.HEADER || b[2] !== MAGIC[0] || b[3] !== MAGIC[1] || b[4] !== MAGIC[2]) {
    throw new UnpickleError("not a stackless-ts snapshot (the header is missing)");
  }
  if (b[5] !== FORMAT_VERSION) {
    throw new UnpickleError(`snapshot format version ${b[5]}, but this runtime reads version ${FORMAT_VERSION}`);
  }
}

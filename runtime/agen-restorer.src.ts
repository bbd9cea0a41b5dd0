/**
 * The native async generator function that makes the copy of a pickled async generator
 * (runtime/async-generator.ts restoreAsyncGenerator; protocol "Async generators").
 *
 * This file is tasklet code: scripts/gen-soft-builtins.mjs compiles it with the plugin
 * into runtime/generated/agen-restorer.ts, so `agenRestorer` is a compiled async
 * generator's wrapper: the very loop the compiler emits for every async generator,
 * performing its record's requests. A restored generator runs that loop over the
 * restored record (which `$rt.agen` hands it instead of making one for this function's
 * own empty body), so it behaves as the original's wrapper would: the loop is the same
 * for every async generator, whatever its source. Calling the original's wrapper instead
 * would run its parameters' defaults and patterns again (with no arguments).
 */
export async function* agenRestorer(): AsyncGenerator<never, void, unknown> {}

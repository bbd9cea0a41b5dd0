/**
 * How `run` and `resume` drive the tasklets once the program's top level is done (or the
 * snapshot is restored): until none is runnable and nothing external is awaited.
 *
 * With `--timeout N` the scheduler runs under the watchdog, as a game loop would: a
 * tasklet that runs N instructions without blocking is interrupted and goes to the end
 * of the queue, so a runaway cannot starve the others. Without it, tasklets run to their
 * next switch as they choose: that is cooperative scheduling, and a `while (true) {}`
 * then holds the process for ever (the program's own `run(timeout)` is the other way).
 * The snapshot of a `run` does not hold its main's watchdog loop (main is plain code), so
 * `resume --timeout` is how a resumed set of runaways stays preemptive.
 */
import { UsageError } from "./errors.js";
import type { Runtime } from "./runtime.js";

/** `--timeout N` as a watchdog timeout (instructions), or null when absent. */
export function parseTimeout(text: string | undefined): number | null {
  if (text === undefined) return null;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`--timeout needs a whole number of instructions (1 or more), not '${text}'`);
  }
  return n;
}

export async function driveAll(runtime: Runtime, timeout: number | null): Promise<void> {
  if (timeout === null) {
    await runtime.api.runAsync();
    return;
  }
  for (;;) {
    const interrupted = await runtime.api.runAsync(timeout);
    if (interrupted === null) return;
    // Stackless's watchdog takes the interrupted tasklet out of the queue; round robin
    // puts it back at the end, behind everything that waited while it ran.
    interrupted.insert();
  }
}

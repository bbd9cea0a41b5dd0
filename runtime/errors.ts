/**
 * The error classes of API.md. Each sets `name` to its class name so that messages and
 * `instanceof` survive a pickle round trip and read well in stack traces.
 * User mistakes throw these; broken invariants use runtimeBug() (bug.ts).
 */

/** Raised inside a tasklet by kill(); never reported to main. */
export class TaskletExit extends Error {
  override name = "TaskletExit";
}

/** Misuse that Stackless reports as RuntimeError: deadlock, dead tasklets, blockTrap, … */
export class RuntimeError extends Error {
  override name = "RuntimeError";
}

/** A send/receive that would block on a closing channel. */
export class ChannelClosedError extends Error {
  override name = "ChannelClosedError";
}

/** A value cannot be pickled; the message gives the path to it. */
export class PickleError extends Error {
  override name = "PickleError";
}

/** The bytes are not a valid snapshot: truncated, corrupted, crafted or another version. */
export class UnpickleError extends Error {
  override name = "UnpickleError";
}

/** A snapshot's function no longer matches the loaded code; names the function and file. */
export class CodeChangedError extends Error {
  override name = "CodeChangedError";
}

/**
 * Where a tasklet's frames are. Stackless's flags (alive, paused, scheduled, blocked)
 * are derived from this, the ring and the channel queues, never stored twice.
 */
export const State = {
  /** No frames: unbound, or bound to a function without arguments. Not alive. */
  New: 0,
  /** Function and arguments bound, not started yet. Alive. */
  Initial: 1,
  /** Suspended; its frames are records (soft switch). Alive, restorable. */
  Soft: 2,
  /** Suspended with a live JS stack; owns a scheduler level (hard switch). Alive. */
  Hard: 3,
  /** Running now: the current tasklet. */
  Running: 4,
  /** Finished or killed. */
  Dead: 5,
} as const;
export type State = (typeof State)[keyof typeof State];

// The tick wrapper of scripts/watchdog-latency.ts. A .cjs file is never compiled, so this
// runs as plain code: a compiled wrapper would charge the budget it measures, and tick
// itself whenever that budget is below 0.
"use strict";

/**
 * Wraps the protocol's tick hook. `state.victim` is the tasklet measured; the schedule
 * callback sets `state.charged = 0` and `state.lastReset = timeout` when a slice of it
 * starts. Pushes the instructions charged in each interrupted slice to `state.slices`,
 * and the ms from the first tick that had to defer the interrupt to `state.deferrals`.
 */
exports.installProbe = function installProbe(installHooks, rt, getCurrent, state) {
  const watchdog = installHooks({
    tick(direct) {
      const victim = state.victim;
      if (victim === null || getCurrent() !== victim) return watchdog.tick(direct);
      state.charged += state.lastReset - rt.budget;
      let r;
      try {
        r = watchdog.tick(direct);
      } finally {
        if (rt.unwinding || victim.rnext === null) {
          // interrupted: a soft unwind, or a hard switch (out of the ring)
          state.slices.push(state.charged);
          if (state.deferredAt > 0) state.deferrals.push(performance.now() - state.deferredAt);
          state.deferredAt = 0;
        } else if (state.deferredAt === 0 && state.charged >= state.timeout) {
          state.deferredAt = performance.now();
        }
        state.lastReset = rt.budget;
      }
      return r;
    },
  });
};

/**
 * Monitoring hooks: setChannelCallback, setScheduleCallback, setScheduleFastCallback.
 * A hook that throws must not corrupt the scheduler. As in Stackless, the error of a
 * schedule callback is "unraisable": printed to stderr and dropped (a switch cannot
 * fail half way); the error of a channel callback is reported to main after the
 * switch completes, never in the middle of one.
 */
import type { Tasklet } from "./tasklet.js";
import type { Channel } from "./channel.js";

export type ScheduleCallback = (from: Tasklet | null, to: Tasklet | null) => void;
export type ChannelCallback = (channel: Channel<unknown>, tasklet: Tasklet, isSend: boolean, willBlock: boolean) => void;

let scheduleCb: ScheduleCallback | null = null;
let scheduleFastCb: ScheduleCallback | null = null;
/** True iff a schedule hook is set: the scheduler's hot path tests only this. */
export const scheduleHooks = { on: false };
let channelCb: ChannelCallback | null = null;
/** True iff a channel hook is set: channel actions test only this. */
export const channelHooks = { on: false };
/** Errors thrown by hooks, waiting to be reported (scheduler.ts drains them). */
export const hookErrors: unknown[] = [];

export function setScheduleCallback(cb: ScheduleCallback | null): ScheduleCallback | null {
  checkHook(cb, "setScheduleCallback");
  const prev = scheduleCb;
  scheduleCb = cb;
  scheduleHooks.on = scheduleCb !== null || scheduleFastCb !== null;
  return prev;
}

export function setScheduleFastCallback(cb: ScheduleCallback | null): void {
  checkHook(cb, "setScheduleFastCallback");
  scheduleFastCb = cb;
  scheduleHooks.on = scheduleCb !== null || scheduleFastCb !== null;
}

export function setChannelCallback(cb: ChannelCallback | null): ChannelCallback | null {
  checkHook(cb, "setChannelCallback");
  const prev = channelCb;
  channelCb = cb;
  channelHooks.on = cb !== null;
  return prev;
}

function checkHook(cb: unknown, where: string): void {
  if (cb !== null && typeof cb !== "function") throw new TypeError(`${where}: the callback must be a function or null, got ${typeof cb}`);
}

export function fireSchedule(from: Tasklet | null, to: Tasklet | null): void {
  if (scheduleFastCb !== null) call(scheduleFastCb, from, to);
  if (scheduleCb !== null) call(scheduleCb, from, to);
}

export function fireChannel(ch: Channel<unknown>, t: Tasklet, isSend: boolean, willBlock: boolean): void {
  if (channelCb === null) return;
  try {
    channelCb(ch, t, isSend, willBlock);
  } catch (e) {
    hookErrors.push(e);
  }
}

function call(cb: ScheduleCallback, from: Tasklet | null, to: Tasklet | null): void {
  try {
    cb(from, to);
  } catch (e) {
    // Stackless (slp_call_schedule_fasthook): PyErr_WriteUnraisable("Error in scheduling callback").
    const detail = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
    console.error(`Exception ignored in: Error in scheduling callback\n${detail}`);
  }
}

/** The public API of `stackless-ts` (API.md). Re-exports only. */
export { Tasklet, tasklet, type TaskletFunction } from "./tasklet.js";
export { Channel, channel, StopIteration } from "./channel.js";
export { schedule, scheduleRemove, getRunCount, getCurrent, getCurrentId, getMain, run, callMain, type RunOptions } from "./api.js";
export { setChannelCallback, setScheduleCallback, setScheduleFastCallback, type ChannelCallback, type ScheduleCallback } from "./callbacks.js";
export { TaskletExit, RuntimeError, ChannelClosedError, PickleError, UnpickleError, CodeChangedError } from "./errors.js";
export type { Frame } from "./frame.js";
export { sleep, wait, runAsync } from "./events.js";
export { pickle, unpickle, unpickleAsync, snapshot, restoreSnapshot, restoreSnapshotAsync } from "./snapshot.js";
export { registerPickler, registerExternal, type Pickler } from "./pickle/index.js";
import "./soft.js";

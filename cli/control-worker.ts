/**
 * A worker thread of `run --save` / `resume --save` (cli/stop.ts): it reads the signal
 * names the supervising process writes to fd 3, and asks the main thread to stop.
 *
 * Why a thread, and why the inspector: Node delivers signals to JavaScript only from the
 * main thread's event loop, and a tasklet looping without end never gives it back. The
 * inspector's in-process session is the one way to run a function on a busy main
 * thread: V8 runs it at its next interrupt check (a loop back edge, a call). That
 * function only sets flags; the tick hook then stops at the next switch point.
 */
import { Socket } from "node:net";
import { workerData } from "node:worker_threads";

interface ControlData {
  fd: number;
  /** Symbol.for(key) names the main thread's stop function */
  key: string;
}

const { fd, key } = workerData as ControlData;

function interrupt(signal: string): void {
  void import("node:inspector")
    .then(({ Session }) => {
      const session = new Session();
      session.connectToMainThread();
      const expression = `globalThis[Symbol.for(${JSON.stringify(key)})]?.(${JSON.stringify(signal)})`;
      session.post("Runtime.evaluate", { expression }, () => session.disconnect());
    })
    // No inspector in this build of Node: the main thread's own signal handler still
    // stops the program once its event loop runs.
    .catch(() => undefined);
}

let pending = "";
// A socket, not an fs stream: an fs read of a pipe blocks a thread-pool thread, and the
// process could not exit until the supervisor wrote or closed the pipe.
const input = new Socket({ fd, readable: true, writable: false });
input.setEncoding("utf8");
input.on("data", (chunk) => {
  pending += String(chunk);
  for (let i = pending.indexOf("\n"); i >= 0; i = pending.indexOf("\n")) {
    const line = pending.slice(0, i).trim();
    pending = pending.slice(i + 1);
    if (/^SIG[A-Z]+$/.test(line)) interrupt(line);
  }
});
// The supervisor went away: nothing more will come.
input.on("error", () => undefined);

/**
 * The outer process of `run --save` / `resume --save`. It runs the same command again
 * as a child (`--supervised`) and stays idle, so that its event loop is always free to
 * receive SIGINT/SIGTERM, which a program busy in a tasklet would never let through.
 * It passes each signal on to the child over a pipe on fd 3 (read by the child's
 * control worker, control-worker.ts); a second signal kills the child without a
 * snapshot. The child's exit status is ours.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { ownRoot } from "./paths.js";
import { signalStatus } from "./stop.js";

export const CONTROL_FD = 3;

/** Node options that must not be passed twice (a second inspector on the same port). */
const NOT_INHERITED = /^--(inspect|debug)/;

export function supervise(command: string, args: readonly string[]): Promise<number> {
  const bin = join(ownRoot, "bin", "stackless.js");
  const execArgv = process.execArgv.filter((a) => !NOT_INHERITED.test(a));
  const child = spawn(process.execPath, [...execArgv, bin, command, "--supervised", ...args], {
    stdio: ["inherit", "inherit", "inherit", "pipe"],
  });
  const control = child.stdio[CONTROL_FD] as NodeJS.WritableStream & { on(e: "error", f: () => void): void };
  control.on("error", () => undefined);
  let first: NodeJS.Signals | null = null;
  let forced = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (first === null) {
      first = signal;
      control.write(`${signal}\n`);
      setTimeout(() => {
        process.stderr.write(`stackless: ${signal}: waiting for the program to reach a switch point to save it; send the signal again to quit without a snapshot\n`);
      }, 3000).unref();
    } else if (!forced) {
      forced = true;
      child.kill("SIGKILL");
    }
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return new Promise((resolve) => {
    const done = (status: number): void => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      resolve(status);
    };
    child.on("error", (error) => {
      process.stderr.write(`stackless ${command}: cannot start the program's process: ${error.message}\n`);
      done(1);
    });
    child.on("exit", (code, signal) => {
      if (forced && first !== null) {
        process.stderr.write(`stackless: ${first}: stopped without a snapshot\n`);
        done(signalStatus(first));
      } else if (signal !== null) {
        done(signalStatus(signal));
      } else {
        done(code ?? 1);
      }
    });
  });
}

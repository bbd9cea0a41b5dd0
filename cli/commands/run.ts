/**
 * `stackless run [--save PATH] [--timeout N] FILE [args]`: FILE's top level runs as the main tasklet
 * (it is plain code on main, as API.md says); when it is done the scheduler runs the
 * other tasklets until none is runnable. Exit 1 on an uncaught error, printed with
 * original positions.
 *
 * With --save, SIGINT/SIGTERM stop the program at its next switch point and pickle its
 * tasklets to PATH (exit 130/143), and tasklets still waiting when the scheduler ends are
 * saved too (exit 0); `stackless resume PATH` continues them (cli/stop.ts).
 * --timeout N: the tasklets left when the top level is done run preemptively (cli/drive.ts).
 */
import { existsSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { driveAll, parseTimeout } from "../drive.js";
import { UsageError } from "../errors.js";
import { parseOptions } from "../options.js";
import { isFile, projectRoot } from "../paths.js";
import { formatUncaught } from "../report.js";
import { loadRuntime, runtimeUrl, type Runtime } from "../runtime.js";
import { checkSavePath } from "../snapshot-file.js";
import { installStop, saveIfWaiting } from "../stop.js";
import { CONTROL_FD, supervise } from "../supervise.js";

export async function run(args: readonly string[]): Promise<number> {
  const { values, flags, operands } = parseOptions(args, { values: ["--save", "--timeout"], flags: ["--supervised"], stopAtOperand: true });
  const [file, ...rest] = operands;
  if (file === undefined) throw new UsageError("missing FILE");
  const path = resolve(file);
  if (!isFile(path)) throw new UsageError(`cannot find file '${file}'${existsSync(path) ? " (it is a directory)" : ""}`);
  const save = values.get("--save") ?? null;
  if (save !== null) checkSavePath(save);
  const timeout = parseTimeout(values.get("--timeout"));
  if (save !== null && !flags.has("--supervised")) return supervise("run", args);
  await import("../register.js");
  process.argv = [process.argv[0] ?? process.execPath, path, ...rest];
  try {
    let runtime: Runtime | null = null;
    if (save !== null) {
      // Before the program: its top level may already run tasklets.
      runtime = await loadRuntime();
      const mainModule = relative(projectRoot(path), path).split(sep).join("/");
      installStop(runtime, { path: save, controlFd: CONTROL_FD, mainModule });
    }
    await import(pathToFileURL(path).href);
    // No runtime built means the program cannot have made tasklets: nothing to run.
    if (runtime === null && runtimeUrl() !== null) runtime = await loadRuntime();
    if (runtime !== null) await driveAll(runtime, timeout);
  } catch (error) {
    process.stderr.write(`${formatUncaught(error)}\n`);
    return 1;
  }
  return save === null ? 0 : saveIfWaiting();
}

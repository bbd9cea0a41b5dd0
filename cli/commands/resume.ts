/**
 * `stackless resume [--root DIR] [--save PATH] [--timeout N] SNAPSHOT`: brings back the tasklets a
 * snapshot() (or `run --save`) pickled, in this new process, and runs them as `run`
 * runs a program's tasklets: same error report, same exit statuses.
 *
 * The modules the snapshot names are imported through the loader (compiled, as when the
 * snapshot was taken), their ids resolved against the project root: --root DIR, else the
 * nearest package.json above the current directory. Importing runs their top level, as
 * Python's unpickling imports a module: keep tasklet functions in modules whose top
 * level starts nothing (fixtures/demo/tasks.ts).
 */
import { driveAll, parseTimeout } from "../drive.js";
import { UsageError } from "../errors.js";
import { parseOptions } from "../options.js";
import { formatUncaught } from "../report.js";
import { loadRuntime, type Runtime } from "../runtime.js";
import { checkSavePath, explainRestoreError, moduleLoader, readSnapshot, snapshotRoot } from "../snapshot-file.js";
import { installStop, saveIfWaiting } from "../stop.js";
import { CONTROL_FD, supervise } from "../supervise.js";

export async function resume(args: readonly string[]): Promise<number> {
  const { values, flags, operands } = parseOptions(args, { values: ["--root", "--save", "--timeout"], flags: ["--supervised"], stopAtOperand: false });
  const [file, ...extra] = operands;
  if (file === undefined) throw new UsageError("missing SNAPSHOT");
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}' (one SNAPSHOT at a time)`);
  const bytes = readSnapshot(file);
  const root = snapshotRoot(values.get("--root") ?? null);
  const save = values.get("--save") ?? null;
  if (save !== null) checkSavePath(save);
  const timeout = parseTimeout(values.get("--timeout"));
  if (save !== null && !flags.has("--supervised")) return supervise("resume", args);
  await import("../register.js");
  process.argv = [process.argv[0] ?? process.execPath, file];
  let runtime: Runtime;
  try {
    runtime = await loadRuntime();
  } catch (error) {
    process.stderr.write(`stackless resume: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  if (save !== null) installStop(runtime, { path: save, controlFd: CONTROL_FD, mainModule: null });
  try {
    await runtime.api.restoreSnapshotAsync(bytes, { load: moduleLoader(root) });
  } catch (error) {
    const explained = explainRestoreError(error, runtime, file);
    process.stderr.write(explained === null ? `${formatUncaught(error)}\n` : `stackless resume: ${explained}\n`);
    return 1;
  }
  try {
    await driveAll(runtime, timeout);
  } catch (error) {
    process.stderr.write(`${formatUncaught(error)}\n`);
    return 1;
  }
  return save === null ? 0 : saveIfWaiting();
}

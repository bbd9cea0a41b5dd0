/**
 * `stackless run FILE [args]`: FILE's top level runs as the main tasklet (it is plain
 * code on main, as API.md says); when it is done the scheduler runs the other tasklets
 * until none is runnable. Exit 1 on an uncaught error, printed with original positions.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { UsageError } from "../errors.js";
import { isFile } from "../paths.js";
import { formatUncaught } from "../report.js";

/** What the CLI needs of the runtime; the program and the CLI share one instance. */
interface Scheduler {
  runAsync?: () => Promise<unknown>;
  run?: () => unknown;
}

export async function run(args: readonly string[]): Promise<number> {
  const [file, ...rest] = args;
  if (file === undefined) throw new UsageError("missing FILE");
  const path = resolve(file);
  if (!isFile(path)) throw new UsageError(`cannot find file '${file}'${existsSync(path) ? " (it is a directory)" : ""}`);
  await import("../register.js");
  process.argv = [process.argv[0] ?? process.execPath, path, ...rest];
  try {
    await import(pathToFileURL(path).href);
    await runScheduler();
  } catch (error) {
    process.stderr.write(`${formatUncaught(error)}\n`);
    return 1;
  }
  return 0;
}

async function runScheduler(): Promise<void> {
  // Resolved by name, through the loader's pin, so it is the very module instance the
  // program imported: a second copy would have its own, empty, scheduler.
  const url = import.meta.resolve("stackless-ts");
  // No runtime built means the program cannot have made tasklets: nothing to run.
  if (!existsSync(fileURLToPath(url))) return;
  const runtime = (await import(url)) as Scheduler;
  if (typeof runtime.runAsync === "function") await runtime.runAsync();
  else if (typeof runtime.run === "function") runtime.run();
}

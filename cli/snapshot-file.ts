/**
 * Snapshot files for `resume`, `inspect` and `run --save`: reading and writing them,
 * loading the modules a snapshot names, and saying clearly why one cannot be restored.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, isAbsolute, join, normalize, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { UsageError } from "./errors.js";
import { COMPILED_EXTENSIONS, isFile, projectRoot } from "./paths.js";
import type { Runtime } from "./runtime.js";

/**
 * Module ids in a snapshot are paths from the package root of the file that was
 * compiled (docs/frame-protocol.md). The root to resolve them against: `--root DIR`, else
 * the nearest directory with a package.json above the current directory.
 */
export function snapshotRoot(rootOption: string | null): string {
  if (rootOption !== null) return resolve(rootOption);
  return projectRoot(join(process.cwd(), "package.json"));
}

/** A module a snapshot needs that cannot be loaded: a message for the user, exit 1. */
export class SnapshotModuleError extends Error {
  override name = "SnapshotModuleError";
}

/**
 * `load` for unpickleAsync: imports a module id through the loader (so it is compiled,
 * as it was when the snapshot was taken). Only files under `root` with an extension the
 * loader compiles: a crafted snapshot must not make us import anything else.
 */
export function moduleLoader(root: string): (moduleId: string) => Promise<unknown> {
  return async (moduleId) => {
    const hint = `run from the project the snapshot was taken in, or pass --root DIR (now ${root})`;
    const path = normalize(join(root, moduleId));
    const inside = path.startsWith(root.endsWith(sep) ? root : root + sep);
    const ext = /\.[^./\\]+$/.exec(moduleId)?.[0] ?? "";
    if (isAbsolute(moduleId) || !inside || moduleId.includes("\0") || !COMPILED_EXTENSIONS.has(ext)) {
      throw new SnapshotModuleError(`the snapshot names module '${moduleId}', which is not a source file of the project: refusing to load it`);
    }
    if (!isFile(path)) throw new SnapshotModuleError(`the snapshot needs module '${moduleId}', but ${path} does not exist: ${hint}`);
    return import(pathToFileURL(path).href);
  };
}

/** `--save PATH` is checked before the program runs: a typo must not cost a long run. */
export function checkSavePath(file: string): void {
  const path = resolve(file);
  let dirOk = false;
  try {
    dirOk = statSync(dirname(path)).isDirectory();
  } catch {
    dirOk = false;
  }
  if (!dirOk) throw new UsageError(`--save ${file}: the folder ${dirname(path)} does not exist`);
  if (existsSync(path) && !isFile(path)) throw new UsageError(`--save ${file}: not a file`);
}

export function readSnapshot(file: string): Uint8Array {
  const path = resolve(file);
  if (!isFile(path)) throw new UsageError(`cannot find snapshot '${file}'`);
  return readFileSync(path);
}

/**
 * Writes the snapshot next to `file` first, then renames it over `file`: an interrupted
 * write never leaves half a snapshot where a good one was.
 */
export function writeSnapshot(file: string, bytes: Uint8Array): void {
  const path = resolve(file);
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    const fd = openSync(temp, "w");
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * What to tell the user when restoring (or decoding) a snapshot failed for a reason
 * that is not a bug in the program: damaged bytes, changed code, a missing module.
 * Null for anything else (then it is reported as an uncaught error).
 */
export function explainRestoreError(error: unknown, rt: Runtime, file: string): string | null {
  if (error instanceof SnapshotModuleError) return error.message;
  const { UnpickleError, CodeChangedError, RuntimeError } = rt.api;
  if (error instanceof CodeChangedError) {
    return (
      `${sentence(error.message)}\n` +
      `A snapshot resumes only with the code it was taken with: bring that version of the file back ` +
      `(e.g. git stash, or check out the commit it was taken with), or start over with \`stackless run\`.`
    );
  }
  // restoreSnapshot's own check: the bytes decode, but to some other pickled value.
  if ((error instanceof UnpickleError || error instanceof RuntimeError) && /not (hold )?a snapshot\(\)/.test(error.message)) {
    return `${file} holds a pickled value, not a snapshot() of a program's tasklets`;
  }
  if (error instanceof UnpickleError) {
    return `${file} is not a usable snapshot: ${sentence(error.message)}\nThe file is damaged (truncated or changed since it was written) or was not written by snapshot() of this version of stackless-ts.`;
  }
  return null;
}

/** `text` ending with one full stop. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

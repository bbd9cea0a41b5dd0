/**
 * How `stackless run` shows an error nobody caught: like Node does (the program's line
 * with a caret, then the stack), with the positions already source-mapped (register.ts
 * enables source maps before the program loads), minus the CLI's own frames, which say
 * nothing about the program.
 */
import { readFileSync } from "node:fs";
import { join, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { inspect } from "node:util";
import { compilablePath, ownRoot } from "./paths.js";

/** bin/ and the CLI (built or not), as paths and as URLs, for matching stack lines. */
const cliPlaces = [join(ownRoot, "bin"), join(ownRoot, "cli"), join(ownRoot, "dist", "cli")].flatMap((d) => [
  d + sep,
  pathToFileURL(d).href + "/",
]);

export function formatUncaught(error: unknown): string {
  // A compile error comes with a code frame and no JS frames (loader.ts): show it as is.
  if (error instanceof Error && typeof error.stack === "string" && !/\n\s+at /.test(error.stack)) return error.stack;
  // inspect() rather than .stack: it adds `cause`, AggregateError members and own props.
  const text = error instanceof Error ? inspect(error) : `Uncaught ${inspect(error)}`;
  const lines = text.split("\n").filter((line) => !(/^\s+at /.test(line) && cliPlaces.some((p) => line.includes(p))));
  const frame = lines.map(programPosition).find((p) => p !== null);
  return (frame == null ? "" : `${frame}\n\n`) + lines.join("\n");
}

/** For a stack line in the program's own code: "file:line", the source line and a caret. */
function programPosition(stackLine: string): string | null {
  const m = /^\s+at (?:.*\()?((?:file:\/\/)?[^()]+?):(\d+):(\d+)\)?$/.exec(stackLine);
  if (m === null) return null;
  const [, where = "", line = "0", column = "0"] = m;
  const url = where.startsWith("file:") ? where : pathToFileURL(where).href;
  if (compilablePath(url) === null) return null;
  let source: string | undefined;
  try {
    source = readFileSync(fileURLToPath(url), "utf8").split(/\r?\n/)[Number(line) - 1];
  } catch {
    return null;
  }
  if (source === undefined) return null;
  return `${fileURLToPath(url)}:${line}\n${source}\n${" ".repeat(Math.max(0, Number(column) - 1))}^`;
}

/**
 * How `stackless run` shows an error nobody caught. The stack is already source-mapped
 * (register.ts enables source maps before the program loads); this only drops the CLI's
 * own frames, which say nothing about the program.
 */
import { join, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { inspect } from "node:util";
import { ownRoot } from "./paths.js";

/** bin/ and the CLI (built or not), as paths and as URLs, for matching stack lines. */
const cliPlaces = [join(ownRoot, "bin"), join(ownRoot, "cli"), join(ownRoot, "dist", "cli")].flatMap((d) => [
  d + sep,
  pathToFileURL(d).href + "/",
]);

export function formatUncaught(error: unknown): string {
  // inspect() rather than .stack: it adds `cause`, AggregateError members and own props.
  const text = error instanceof Error ? inspect(error) : `Uncaught ${inspect(error)}`;
  return text
    .split("\n")
    .filter((line) => !(/^\s+at /.test(line) && cliPlaces.some((p) => line.includes(p))))
    .join("\n");
}

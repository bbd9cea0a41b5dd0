/**
 * `import "stackless-ts/register"` or `node --import stackless-ts/register app.ts`:
 * installs the loader hooks, so files imported from now on are compiled, and turns on
 * source maps, so stack traces name the original .ts lines.
 */
import * as nodeModule from "node:module";

// A second copy of this package (two installs, or `run` after `--import`) must not add
// a second loader: files would be compiled twice.
const installed = Symbol.for("stackless-ts.register");
const flags = globalThis as { [installed]?: boolean };

if (flags[installed] !== true) {
  if (typeof nodeModule.register !== "function") {
    throw new Error(`stackless-ts/register needs Node 20.6 or newer (module.register); this is ${process.version}`);
  }
  nodeModule.register("./loader.js", import.meta.url);
  process.setSourceMapsEnabled(true);
  flags[installed] = true;
}

export {};

// Compiles bench/programs/* into bench/.out/ (see lib/programs.js). Run by
// bench/run.js in a child process with a timeout, so a compiler that hangs
// or crashes turns the compiled variants into n/a rows instead of stopping
// the suite. Usable alone: node bench/prepare.js
import { prepare } from "./lib/programs.js";

const status = await prepare((s) => process.stderr.write(s + "\n"));
process.stderr.write(`bench: compiler ${status.compiler}\n`);

#!/usr/bin/env node
// The CLI is TypeScript built into dist/ by `npm run build`; this shim only starts it.
const entry = new URL("../dist/cli/main.js", import.meta.url);
const cli = await import(entry.href).catch((error) => {
  if (error?.code === "ERR_MODULE_NOT_FOUND" && error.url === entry.href) {
    process.stderr.write(`stackless: ${entry.pathname} is missing; run \`npm run build\` first\n`);
    process.exit(2);
  }
  throw error;
});
const status = await cli.main(process.argv.slice(2));
// Exit at once on failure, as Node does on an uncaught error (timers may still be
// pending); on success let the event loop end by itself, keeping the program's
// process.exitCode.
if (status !== 0) process.exit(status);

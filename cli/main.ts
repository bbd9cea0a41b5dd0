/**
 * The `stackless` command. Commands live in one table: adding one is one entry here and
 * one file in commands/. Each is imported only when used, so `--help` stays fast and
 * `run` keeps the compiler off the program's thread (the loader compiles on its own).
 */
import { UsageError } from "./errors.js";

interface Command {
  /** after the command name in usage lines */
  readonly args: string;
  readonly summary: string;
  /** resolves to the exit status; throws UsageError for command-line mistakes */
  main(args: readonly string[]): Promise<number>;
}

const commands: Readonly<Record<string, Command>> = {
  run: {
    args: "[--save PATH] [--timeout N] FILE [args...]",
    summary:
      "compile FILE and what it imports, run it as the main tasklet, then every tasklet.\n" +
      "      --save PATH: on SIGINT/SIGTERM stop at the next switch point and pickle every tasklet to PATH\n" +
      "      (exit 130/143), and save them too when the scheduler ends with tasklets still waiting\n" +
      "      --timeout N: after FILE's top level, run the tasklets under the watchdog: one that runs N\n" +
      "      instructions without blocking is interrupted and goes to the end of the queue",
    main: async (args) => (await import("./commands/run.js")).run(args),
  },
  resume: {
    args: "[--root DIR] [--save PATH] [--timeout N] SNAPSHOT",
    summary:
      "continue the tasklets pickled in SNAPSHOT (by snapshot() or run --save) in this process.\n" +
      "      Module ids resolve against --root DIR, else the nearest package.json above the current directory.\n" +
      "      --timeout N: as for run, the restored tasklets run preemptively",
    main: async (args) => (await import("./commands/resume.js")).resume(args),
  },
  inspect: {
    args: "[--root DIR] [--json] [--all] SNAPSHOT",
    summary:
      "show every tasklet in SNAPSHOT without running it: its state, its frames at their source lines\n" +
      "      (columns 1-based) with their locals, the channel it waits on. --all: no folding of repeated frames",
    main: async (args) => (await import("./commands/inspect.js")).inspectCommand(args),
  },
  compile: {
    args: "SRC [-o OUT] [--root DIR]",
    summary: "write SRC compiled to OUT (and OUT.map), or to stdout with an inline map",
    main: async (args) => (await import("./commands/compile.js")).compileCommand(args),
  },
};

const ENVIRONMENT = `
environment:
  STACKLESS_TRANSFORM=0   strip types only: run the program as plain code (every switch hard)
  STACKLESS_CACHE=0       do not read or write node_modules/.cache/stackless-ts
  STACKLESS_HARD=1        the runtime saves and restores every frame at every tick (tests)
`;

const USAGE = "usage: stackless <command> [args...]   (stackless --help lists the commands)";

export function helpText(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  stackless ${name} ${c.args}\n      ${c.summary}`);
  return `usage: stackless <command> [args...]\n\ncommands:\n${lines.join("\n")}\n  stackless --help | --version\n${ENVIRONMENT}`;
}

/** Runs one command line (without `node` and the script); resolves to the exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) return fail(`stackless: missing command\n${USAGE}`);
  if (name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(helpText());
    return 0;
  }
  if (name === "--version" || name === "-v") {
    process.stdout.write(`${(await import("./paths.js")).ownVersion()}\n`);
    return 0;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (command === undefined) return fail(`stackless: unknown command '${name}'\n${USAGE}`);
  const commandUsage = `usage: stackless ${name} ${command.args}`;
  if (rest[0] === "--help" || rest[0] === "-h") {
    process.stdout.write(`${commandUsage}\n  ${command.summary}\n`);
    return 0;
  }
  try {
    return await command.main(rest);
  } catch (error) {
    if (error instanceof UsageError) return fail(`stackless ${name}: ${error.message}\n${commandUsage}`);
    throw error;
  }
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}

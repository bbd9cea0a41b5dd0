// Spawning the real `stackless` binary: the CLI is only ever run as a process, and the
// loader hooks only ever run on Node's hooks thread, so that is what the tests do too.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../", import.meta.url));
export const bin = join(root, "bin", "stackless.js");
export const fixture = (name: string): string => join(root, "fixtures", "cli", name);

export interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node ...args` and waits; NODE_OPTIONS from vitest must not leak into the child. */
export function node(args: readonly string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Result {
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  delete env["NODE_OPTIONS"];
  const r = spawnSync(process.execPath, args, { cwd: opts.cwd ?? root, env, encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const stackless = (args: readonly string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Result =>
  node([bin, ...args], opts);

/** Every x.ts under the built folders whose dist/x.js is missing or older. */
function staleSources(): string[] {
  const stale: string[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) {
        const out = join(root, "dist", relative(root, p)).replace(/\.ts$/, ".js");
        if (!existsSync(out) || statSync(out).mtimeMs < statSync(p).mtimeMs) stale.push(p);
      }
    }
  };
  for (const d of ["cli", "compiler", "runtime"]) walk(join(root, d));
  return stale;
}

/**
 * `npm test` builds in pretest; `npx vitest run test/cli` does not, so build here when
 * dist is older than the sources. Type errors elsewhere in the tree must not stop the
 * CLI tests (tsc still emits), but a missing dist/cli must.
 */
export function ensureBuilt(): void {
  if (staleSources().length === 0) return;
  try {
    execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], {
      cwd: root,
      stdio: "pipe",
    });
  } catch (error) {
    if (!existsSync(join(root, "dist", "cli", "main.js"))) throw error;
  }
}

export interface Running {
  readonly pid: number;
  /** resolves once stdout contains `text` (rejects if the process ends first) */
  waitFor(text: string): Promise<void>;
  /** resolves when the process has ended */
  readonly done: Promise<Result>;
}

/** `node bin/stackless.js ...args`, not waited for: for tests that send it signals. */
export function startStackless(args: readonly string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Running {
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  delete env["NODE_OPTIONS"];
  const child = spawn(process.execPath, [bin, ...args], { cwd: opts.cwd ?? root, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const waiters: { text: string; resolve: () => void; reject: (e: Error) => void }[] = [];
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    for (const w of waiters.filter((w) => stdout.includes(w.text))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const done = new Promise<Result>((resolve) => {
    child.on("close", (status) => {
      for (const w of waiters.splice(0)) w.reject(new Error(`process ended before printing '${w.text}'; stdout: ${stdout}; stderr: ${stderr}`));
      resolve({ status, stdout, stderr });
    });
  });
  return {
    pid: child.pid ?? -1,
    waitFor: (text) =>
      stdout.includes(text) ? Promise.resolve() : new Promise<void>((resolve, reject) => waiters.push({ text, resolve, reject })),
    done,
  };
}

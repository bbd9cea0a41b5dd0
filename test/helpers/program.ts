/**
 * Runs a tasklet program the way a user does (`stackless run FILE`), in a child
 * process, and captures what it prints. Variants:
 * - compiled: the plugin compiles FILE and its imports (the normal case);
 * - hard: compiled, with STACKLESS_HARD=1: every frame is saved and restored at every
 *   call and loop iteration, so the frame protocol is exercised everywhere;
 * - plain: FILE runs uncompiled (types stripped only); every switch is then a hard
 *   switch, which only LIFO-friendly programs survive (DESIGN.md "Nesting").
 * Needs `npm run build` (npm test runs it first).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export type Variant = "compiled" | "hard" | "plain";

export interface ProgramResult {
  stdout: string;
  stderr: string;
  status: number | null;
}

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = fileURLToPath(new URL("../../bin/stackless.js", import.meta.url));

export function runProgram(file: string, variant: Variant, args: string[] = [], extraEnv: Record<string, string> = {}): ProgramResult {
  const env: Record<string, string | undefined> = { ...process.env, ...extraEnv };
  delete env.STACKLESS_HARD;
  delete env.STACKLESS_TRANSFORM;
  if (variant === "hard") env.STACKLESS_HARD = "1";
  if (variant === "plain") env.STACKLESS_TRANSFORM = "0";
  const r = spawnSync(process.execPath, [bin, "run", file, ...args], { cwd: root, env, encoding: "utf8", timeout: 120_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

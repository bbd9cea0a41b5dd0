/** Plugin options, their defaults and their validation (checked before any transform). */

export interface CompilerOptions {
  /** Instruction counting for the watchdog (protocol rule 9). */
  count: boolean;
  /**
   * `with` or direct `eval` in a function: "plain" (default) keeps that function and every
   * function around it plain code (JavaScript's semantics; switches inside are hard, their
   * frames do not pickle); "error" fails the compile with a code frame.
   */
  unsupported: "plain" | "error";
  /** Call-free loop nests count in a local variable (rule 9, "local counting"); off only to compare. */
  countLocally: boolean;
  /** Function bodies get a copy without resume routing (rule 13); off only to compare. */
  hotCopies: boolean;
  /** Overrides the module id computed from the file path. */
  moduleId: string | undefined;
  /** Package root for module ids; default: nearest directory above the file with a package.json. */
  root: string | undefined;
}

/** The on/off options, all on by default. */
const SWITCHES = ["count", "countLocally", "hotCopies"] as const;
const KNOWN: readonly string[] = [...SWITCHES, "unsupported", "moduleId", "root"];

export function readOptions(raw: unknown): CompilerOptions {
  const o = (raw ?? {}) as Record<string, unknown>;
  if (typeof o !== "object") throw new Error("stackless-ts: plugin options must be an object");
  for (const key of Object.keys(o)) {
    if (!KNOWN.includes(key)) throw new Error(`stackless-ts: unknown plugin option .${key} (known: ${KNOWN.join(", ")})`);
  }
  for (const key of SWITCHES) {
    if (o[key] !== undefined && typeof o[key] !== "boolean") throw new Error(`stackless-ts: .${key} must be a boolean, or undefined`);
  }
  if (o["unsupported"] !== undefined && o["unsupported"] !== "plain" && o["unsupported"] !== "error") {
    throw new Error('stackless-ts: .unsupported must be "plain" or "error", or undefined');
  }
  if (o["moduleId"] !== undefined && (typeof o["moduleId"] !== "string" || o["moduleId"] === "")) {
    throw new Error("stackless-ts: .moduleId must be a non-empty string, or undefined");
  }
  if (o["root"] !== undefined && typeof o["root"] !== "string") {
    throw new Error("stackless-ts: .root must be a string (a directory), or undefined");
  }
  return {
    count: (o["count"] as boolean | undefined) ?? true,
    countLocally: (o["countLocally"] as boolean | undefined) ?? true,
    hotCopies: (o["hotCopies"] as boolean | undefined) ?? true,
    unsupported: (o["unsupported"] as "plain" | "error" | undefined) ?? "plain",
    moduleId: o["moduleId"] as string | undefined,
    root: o["root"] as string | undefined,
  };
}

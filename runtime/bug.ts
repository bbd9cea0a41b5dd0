/**
 * A broken invariant of the runtime (never a user mistake): fatal, names the function,
 * asks for a report. User mistakes throw the classes of errors.ts instead (STYLE habit 4).
 */
export function runtimeBug(where: string, what: string): never {
  const e = new Error(`Internal stackless-ts error in ${where}: ${what}. Please report this as a bug.`);
  e.name = "StacklessInternalError";
  throw e;
}

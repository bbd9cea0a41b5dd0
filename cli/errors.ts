/** A mistake on the command line: main prints the message and the command's usage, exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

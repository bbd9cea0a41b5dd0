/** Commands API.md promises whose implementation has not landed yet. */
export function notImplemented(name: string): (args: readonly string[]) => Promise<number> {
  return async () => {
    process.stderr.write(`stackless ${name}: not implemented yet\n`);
    return 2;
  };
}

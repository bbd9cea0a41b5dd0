// The README's example is a real program: its code block must be exactly
// fixtures/programs/ok.readme-hello.ts, which test/programs runs and checks.
import { it, expect } from "vitest";
import { readFileSync } from "node:fs";

it("README's example is fixtures/programs/ok.readme-hello.ts, verbatim", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const block = /```ts\n(\/\/ hello\.ts[\s\S]*?)```/.exec(readme);
  expect(block, "README has a ```ts block starting with // hello.ts").not.toBeNull();
  const program = readFileSync(new URL("../fixtures/programs/ok.readme-hello.ts", import.meta.url), "utf8");
  expect(block![1]).toBe(program);
});

it("README's server example is fixtures/programs/ok.http-server.ts, verbatim", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const block = /```ts\n(\/\/ A small HTTP server[\s\S]*?)```/.exec(readme);
  expect(block, "README has the server block").not.toBeNull();
  const program = readFileSync(new URL("../fixtures/programs/ok.http-server.ts", import.meta.url), "utf8");
  expect(block![1]).toBe(program);
});

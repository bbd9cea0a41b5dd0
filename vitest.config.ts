import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Tests, and tasklet programs compiled inside the test process, import the package by
// its name. Alias every entry point to the TypeScript source so that one runtime
// instance (one scheduler) serves all of them, and no build is needed to test.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^stackless-ts$/, replacement: here("./runtime/index.ts") },
      { find: /^stackless-ts\/protocol$/, replacement: here("./runtime/protocol.ts") },
      { find: /^stackless-ts\/capi$/, replacement: here("./runtime/capi.ts") },
      { find: /^stackless-ts\/babel$/, replacement: here("./compiler/index.ts") },
      { find: /^stackless-ts\/compiler$/, replacement: here("./compiler/compile.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    pool: "forks",
  },
});

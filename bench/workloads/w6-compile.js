// W6 compile: lines per second compiling a large TypeScript input (the unit
// bench/programs/corpus.ts repeated with distinct names) with
// stackless-ts/compiler's compile() (Babel + TypeScript preset + the plugin,
// counting on), against Babel with the TypeScript preset alone. Both run
// without source maps, config files or other plugins, in one call on the
// whole input, interleaved in one process. Higher is better here:
// ratio = compile lines/s / Babel lines/s.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { PROGRAMS_DIR, loadCompiler, NotAvailable } from "../lib/programs.js";
import { timeItAsync } from "../lib/rep.js";

export function jobs({ quick }) {
  const copies = quick ? 8 : 80;
  return [
    {
      name: "compile",
      variants: ["babel-ts", "compile"],
      copies,
      rows: {
        compile: {
          workload: "W6 compile",
          params: `corpus.ts x ${copies} (~${copies * 274} lines)`,
          unit: "lines/s",
          baseline: "babel-ts",
          higherIsBetter: true,
        },
      },
    },
  ];
}

export function corpus(copies) {
  const unit = readFileSync(join(PROGRAMS_DIR, "corpus.ts"), "utf8");
  const parts = [];
  for (let i = 0; i < copies; i++) parts.push(unit.replace(/_K_/g, `_${i}`));
  const source = parts.join("\n");
  return { source, lines: source.split("\n").length };
}

async function transformer(variant, source) {
  const filename = join(PROGRAMS_DIR, "corpus-large.ts");
  if (variant === "compile") {
    const { compile, error } = await loadCompiler();
    if (!compile) throw new NotAvailable(error);
    return () => compile(source, { filename, sourceMaps: false, count: true });
  }
  const require = createRequire(import.meta.url);
  const babel = await import("@babel/core");
  const presetTs = require.resolve("@babel/preset-typescript");
  const options = { filename, configFile: false, babelrc: false, sourceMaps: false, presets: [presetTs] };
  return () => babel.transformSync(source, options);
}

export async function runJob(job, ctx) {
  const { source, lines } = corpus(job.copies);
  await ctx.interleave(
    async (variant) => {
      const transform = await transformer(variant, source);
      return async () => {
        const m = await timeItAsync(async () => (await transform()).code.length > 0);
        return {
          metrics: { compile: lines / (m.wallNs / 1e9) },
          cpu: { compile: lines / (m.cpuNs / 1e9) },
          wallMs: m.wallNs / 1e6,
          check: m.value ? "ok" : "empty output",
        };
      };
    },
    { warmup: 2, minReps: 5, maxReps: 5 },
  );
}

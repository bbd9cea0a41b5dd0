/**
 * The Babel plugin (package entry `stackless-ts/babel`): checks the Babel version and the
 * options, then transforms the whole module at Program exit, after other plugins (the
 * TypeScript preset) have stripped types. No transform logic lives here.
 */
import type { PluginObj, PluginPass } from "@babel/core";
import type * as t from "@babel/types";
import type { NodePath } from "@babel/traverse";
import { readOptions } from "./options.js";
import { transformProgram } from "./transform.js";
import type { FrameErrorSource } from "./errors.js";

export type { CompilerOptions } from "./options.js";

interface BabelApi {
  assertVersion(range: number | string): void;
}

export default function stacklessPlugin(api: BabelApi, rawOptions: unknown): PluginObj<PluginPass> {
  api.assertVersion("^7.0.0 || ^8.0.0-0");
  const opts = readOptions(rawOptions);
  return {
    name: "stackless-ts",
    visitor: {
      Program: {
        exit(path: NodePath<t.Program>, state: PluginPass) {
          const file = state.file as unknown as FrameErrorSource & { code: string };
          transformProgram(path, opts, file, state.filename);
        },
      },
    },
  };
}

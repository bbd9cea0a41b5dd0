/**
 * Command-line options of run/resume/inspect: `--name VALUE`, `--name=VALUE` and flags.
 * Parsing stops at the first operand when `stopAtOperand` (run: what follows FILE is the
 * program's), or at `--`.
 */
import { UsageError } from "./errors.js";

export interface OptionSpec {
  /** options that take a value */
  values: readonly string[];
  /** options without one */
  flags: readonly string[];
  stopAtOperand: boolean;
}

export interface Parsed {
  values: Map<string, string>;
  flags: Set<string>;
  operands: string[];
}

export function parseOptions(args: readonly string[], spec: OptionSpec): Parsed {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const operands: string[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--") {
      i++;
      break;
    }
    if (!arg.startsWith("--") || (spec.stopAtOperand && operands.length > 0)) {
      operands.push(arg);
      if (spec.stopAtOperand) {
        i++;
        break;
      }
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (spec.values.includes(name)) {
      const value = eq < 0 ? args[++i] : arg.slice(eq + 1);
      if (value === undefined || value === "") throw new UsageError(`${name} needs a value`);
      values.set(name, value);
    } else if (spec.flags.includes(name) && eq < 0) {
      flags.add(name);
    } else {
      throw new UsageError(`unknown option '${arg}'`);
    }
  }
  operands.push(...args.slice(i));
  return { values, flags, operands };
}

/**
 * The entry stack for loops, switches, labelled blocks and converted `finally` blocks
 * (STYLE habit 8, regenerator's leap.js), and the emission of break / continue / return.
 *
 * Every loop and switch in tasklet code carries an output label, and every emitted break
 * is labelled: an unlabelled break inside a resume dispatch `switch ($pc)` would leave the
 * dispatch switch instead of the loop. A leap that crosses a `finally` holding resume
 * points becomes "record completion code, break to the try's label"; the finally's
 * completion switch re-emits the leap from outside the try (protocol rule 6).
 */
import * as t from "@babel/types";
import { compilerBug } from "../errors.js";
import type { List } from "./list.js";

export interface LoopEntry {
  kind: "loop";
  labels: string[];
  breakLabel: string;
  /** `continue` goes to `continue <label>`, or to `break <contBreak>` when the update moved into the body. */
  contBreak: string | null;
  /** Emitted before leaving the loop by break/return/outer continue (for-of iterator close). */
  onExit: ((L: List) => void) | null;
  /**
   * Whether a `break` of this loop itself runs onExit (a for-of closes its iterator); a
   * locally counted nest gives its counter back after the loop instead (emitter.ts).
   */
  onOwnBreak?: boolean;
}
export interface SwitchEntry {
  kind: "switch" | "block";
  labels: string[];
  breakLabel: string;
}
export interface FinallyEntry {
  kind: "finally";
  fc: string;
  fv: string;
  tryLabel: string;
  /** Leaps redirected through this finally, by completion code (3, 4, …). */
  leaps: Leap[];
}
export type Entry = LoopEntry | SwitchEntry | FinallyEntry;

export type Leap =
  | { kind: "break" | "continue"; target: Entry; value?: never }
  | { kind: "return"; target?: never };

export interface LeapHost {
  readonly entries: Entry[];
  /** `$rt.depth = $d - 1; return value` (plus constructor fix-ups), appended to L. */
  emitNativeReturn(L: List, value: t.Expression | null): void;
}

export function withEntry<T>(host: LeapHost, entry: Entry, body: () => T): T {
  host.entries.push(entry);
  try {
    return body();
  } finally {
    const popped = host.entries.pop();
    if (popped !== entry) compilerBug("leap entries out of order");
  }
}

/** The entry a `break`/`continue` (with optional source label) targets. */
export function findTarget(host: LeapHost, kind: "break" | "continue", label: string | null): Entry {
  for (let i = host.entries.length - 1; i >= 0; i--) {
    const e = host.entries[i] as Entry;
    if (e.kind === "finally") continue;
    if (label !== null) {
      if (e.labels.includes(label) && (kind === "break" || e.kind === "loop")) return e;
    } else if (e.kind === "loop" || (kind === "break" && e.kind === "switch")) {
      return e;
    }
  }
  return compilerBug(`no target for ${kind} ${label ?? ""}`);
}

/**
 * Emits `leap` (with `value` for returns) from the current position: closes crossed
 * for-of iterators, then either jumps directly or redirects through the innermost
 * crossed converted finally.
 */
export function emitLeap(host: LeapHost, L: List, leap: Leap, value: t.Expression | null): void {
  const entries = host.entries;
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i] as Entry;
    if (leap.kind !== "return" && e === leap.target) {
      if (e.kind === "finally") compilerBug("leap targets a finally");
      if (leap.kind === "break") {
        if (e.kind === "loop" && e.onExit && e.onOwnBreak !== false) e.onExit(L);
        L.add(t.breakStatement(t.identifier(e.breakLabel)));
      } else {
        if (e.kind !== "loop") compilerBug("continue to a non-loop");
        L.add(e.contBreak !== null ? t.breakStatement(t.identifier(e.contBreak)) : t.continueStatement(t.identifier(e.breakLabel)));
      }
      return;
    }
    if (e.kind === "loop" && e.onExit) e.onExit(L);
    if (e.kind === "finally") {
      let code: number;
      if (leap.kind === "return") {
        code = 2;
        L.add(t.expressionStatement(t.assignmentExpression("=", t.identifier(e.fv), value ?? t.identifier("undefined"))));
      } else {
        const target = leap.target;
        let k = e.leaps.findIndex((l) => l.kind === leap.kind && l.target === target);
        if (k < 0) k = e.leaps.push(leap) - 1;
        code = 3 + k;
      }
      L.add(t.expressionStatement(t.assignmentExpression("=", t.identifier(e.fc), t.numericLiteral(code))));
      L.add(t.breakStatement(t.identifier(e.tryLabel)));
      return;
    }
  }
  if (leap.kind !== "return") compilerBug("leap target not on the entry stack");
  host.emitNativeReturn(L, value);
}

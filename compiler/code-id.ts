/**
 * Stable code ids (module id + "#" + function path), text hashes and module ids.
 * Known to runtime: ids and hashes are how a snapshot finds its code again and detects
 * that it changed (CodeChangedError).
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** Path of `filename` relative to the package root, with forward slashes. */
export function moduleIdFor(filename: string | undefined, root: string | undefined): string {
  if (filename === undefined) return "<anonymous>";
  const abs = path.resolve(filename);
  const base = root !== undefined ? path.resolve(root) : findPackageRoot(path.dirname(abs));
  if (base === undefined) return path.basename(abs);
  return path.relative(base, abs).split(path.sep).join("/");
}

function findPackageRoot(dir: string): string | undefined {
  for (let d = dir; ; ) {
    if (fs.existsSync(path.join(d, "package.json"))) return d;
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/**
 * The layout of compiled code for unchanged source: its resume points (pcs) and slots.
 * Part of every code hash, so a snapshot made with a compiler that laid a function out
 * differently is CodeChangedError when restored, instead of resuming at the wrong pc or
 * reading the wrong slots (a deploy that updates stackless-ts, with snapshots on disk).
 * Bump it with any compiler change that adds, removes or renumbers resume points or
 * slots of code whose text did not change. 2: pure built-in calls are not call sites;
 * leaf constructors are not split (no init method).
 */
export const LAYOUT_VERSION = 2;

/** The hash recorded for a function (or class factory) whose source text is `text`. */
export function codeHash(text: string): string {
  return hashText(`${LAYOUT_VERSION}\n${text}`);
}

/** FNV-1a, 32 bits, as 8 hex digits: cheap, dependency-free, stable across platforms. */
export function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

/**
 * Hands out function paths: names joined by ">", anonymous functions as "<anon:N>"
 * (Nth anonymous function in its parent); a name used twice in one parent gets "~2", "~3".
 */
export class PathNamer {
  private readonly anon = new Map<string, number>();
  private readonly used = new Map<string, number>();

  child(parent: string, name: string | null): string {
    let own = name;
    if (own === null || own === "") {
      const n = (this.anon.get(parent) ?? 0) + 1;
      this.anon.set(parent, n);
      own = `<anon:${n}>`;
    }
    const full = parent === "" ? own : `${parent}>${own}`;
    const seen = (this.used.get(full) ?? 0) + 1;
    this.used.set(full, seen);
    return seen === 1 ? full : `${full}~${seen}`;
  }
}

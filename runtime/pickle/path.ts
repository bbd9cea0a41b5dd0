/**
 * The culprit path of a PickleError: "value > key 'conn' > [3] > Socket".
 *
 * The encoder keeps only a stack of the containers it is inside (`trail`), the kind of
 * each (null for plain objects and arrays) and, for kinds, the label of the value being
 * written. Segments are computed here, only when pickling fails: for plain containers
 * by finding which key holds the next value. The first key whose value is that object
 * is the one being written, since keys are written in order and a value already
 * written would have been a reference.
 */
import type { Kind, PathLabel } from "./registry.js";

export interface Trail {
  readonly trail: readonly unknown[];
  readonly kinds: readonly (Kind<any> | null)[];
  readonly labels: readonly (PathLabel | undefined)[];
  readonly depth: number;
}

export function quote(key: unknown): string {
  if (typeof key === "string") return `'${key.length > 40 ? key.slice(0, 40) + "…" : key}'`;
  if (typeof key === "symbol") return key.toString();
  if (typeof key === "bigint") return `${key}n`;
  if (typeof key === "object" && key !== null) return describeValue(key);
  return String(key);
}

/** A short name for any value: what a path ends with. */
export function describeValue(v: unknown): string {
  switch (typeof v) {
    case "function": {
      const name = v.name ? ` ${v.name}` : "";
      if (/^class[\s{]/.test(Function.prototype.toString.call(v))) return `class${name}`;
      return v.name.startsWith("bound ") ? `bound function ${v.name.slice(6)}` : name ? `function${name}` : "anonymous function";
    }
    case "symbol":
      return v.toString();
    case "object": {
      if (v === null) return "null";
      let proto: object | null = null;
      try {
        proto = Object.getPrototypeOf(v);
      } catch {
        return "object";
      }
      if (proto === null) return "null-prototype object";
      const ctor = (proto as { constructor?: unknown }).constructor;
      if (typeof ctor === "function" && ctor.name) return ctor.name;
      return Object.prototype.toString.call(v).slice(8, -1);
    }
    default:
      return typeof v;
  }
}

function keyOf(container: unknown, child: unknown): string | undefined {
  if (Array.isArray(container)) {
    const i = container.indexOf(child);
    return i >= 0 ? `[${i}]` : undefined;
  }
  if (typeof container === "object" && container !== null) {
    for (const k of Object.keys(container)) {
      if ((container as Record<string, unknown>)[k] === child) return `key ${quote(k)}`;
    }
  }
  return undefined;
}

/** Segments from the root to `culprit` (included). */
export function pathTo(t: Trail, culprit: unknown, culpritIsContainer: boolean): string {
  const segs: string[] = [];
  const n = culpritIsContainer ? t.depth - 1 : t.depth;
  for (let i = 0; i < n; i++) {
    const obj = t.trail[i];
    const kind = t.kinds[i];
    const next = i + 1 < t.depth ? t.trail[i + 1] : culprit;
    if (kind === null || kind === undefined) {
      const k = keyOf(obj, next);
      if (k !== undefined) segs.push(k);
      continue;
    }
    segs.push(kind.describe ? kind.describe(obj) : describeValue(obj));
    const label = t.labels[i];
    if (label !== undefined) segs.push(kind.describeAt ? kind.describeAt(obj, label) : String(label));
  }
  const last = culpritIsContainer ? t.kinds[t.depth - 1] : null;
  segs.push(last && last.describe ? last.describe(culprit) : describeValue(culprit));
  if (!(n > 0 && t.kinds[0]?.describe)) segs.unshift("value");
  return segs.join(" > ");
}

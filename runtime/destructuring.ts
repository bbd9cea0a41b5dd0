/**
 * Object destructuring that compiled code takes apart (compiler/emit/patterns.ts: a
 * pattern with calls in its defaults or computed keys). A call-free pattern stays a
 * native destructuring and needs none of this.
 *
 * Known to compiler: rt.coercible, rt.toKey and rt.objectRest are emitted by
 * compiler/emit/patterns.ts (docs/frame-protocol.md, protocol table).
 */

/** RequireObjectCoercible(v) of an object pattern, with V8's message. Returns v. */
export function coercible(v: unknown): unknown {
  if (v === null || v === undefined) throw new TypeError(`Cannot destructure '${String(v)}' as it is ${String(v)}.`);
  return v;
}

/**
 * ToPropertyKey(v), once: a computed key of a pattern with a rest element is both read
 * and excluded from the rest, and its conversion (toString, valueOf, Symbol.toPrimitive)
 * must run once.
 */
export function toKey(v: unknown): PropertyKey {
  if (typeof v === "symbol") return v;
  if ((typeof v !== "object" && typeof v !== "function") || v === null) return String(v);
  // (a computed key of an object literal converts exactly once, a symbol included)
  return Reflect.ownKeys({ [v as unknown as PropertyKey]: 0 })[0] as PropertyKey;
}

/**
 * The `...rest` of an object pattern: CopyDataProperties into a new object, from the
 * own enumerable properties of `from` whose keys are not in `excluded` (the keys the
 * pattern read before, already property keys). Excluded properties are not read, so
 * their getters do not run; `from` was checked by coercible (or a Get) before.
 */
export function objectRest(from: unknown, excluded: readonly PropertyKey[]): object {
  const out: Record<PropertyKey, unknown> = {};
  const o = Object(from) as Record<PropertyKey, unknown>;
  const keys = Reflect.ownKeys(o);
  // Indexed, not for-of: the program may have replaced the array iterator (runtime/lists.ts).
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (excluded.includes(k)) continue;
    const d = Reflect.getOwnPropertyDescriptor(o, k);
    if (d === undefined || !d.enumerable) continue;
    const v = o[k];
    // CreateDataProperty: a "__proto__" key is a property, not the prototype setter.
    if (k === "__proto__") Object.defineProperty(out, k, { value: v, writable: true, enumerable: true, configurable: true });
    else out[k] = v;
  }
  return out;
}

/**
 * Generated names. Every generated name avoids every identifier of the source file, so it
 * can never capture or shadow a user binding. Module-level names (`$rt`, `$m`, `$c…`,
 * `$mk…`, `$self…`, `$o`) come from one module generator; function-local names (`$pc`,
 * `$d`, `$t…`, `$e…`, `$fc…`) from a generator per function. The two base sets are
 * disjoint, so the two kinds never collide either; a renamed source local is `x$1` (a
 * separator no generated module-level name uses).
 *
 * A script (sourceType "script") shares one global scope with every other script of its
 * realm, so its module-level names carry a suffix made from its module id (`$c0_1a2b3c`):
 * two compiled scripts of different module ids never overwrite each other's code records
 * or factories. Modules have scopes of their own and need no suffix.
 */
export class NameGen {
  private readonly taken: Set<string>;
  private readonly counters = new Map<string, number>();

  /** `suffix` ("" or "_<hex>") is appended to every name this generator hands out. */
  constructor(taken: Iterable<string>, private readonly suffix = "") {
    this.taken = new Set(taken);
  }

  has(name: string): boolean {
    return this.taken.has(name);
  }

  reserve(name: string): void {
    this.taken.add(name);
  }

  /** `base` itself if free, else `base_1`, `base_2`, … (`sep` replaces "_"). */
  fresh(base: string, sep = "_"): string {
    base += this.suffix;
    let n = base;
    for (let i = 1; this.taken.has(n); i++) n = `${base}${sep}${i}`;
    this.taken.add(n);
    return n;
  }

  /** `base0`, `base1`, … (one counter per base). */
  numbered(base: string): string {
    let i = this.counters.get(base) ?? 0;
    let n = `${base}${i}${this.suffix}`;
    while (this.taken.has(n)) n = `${base}${++i}${this.suffix}`;
    this.counters.set(base, i + 1);
    this.taken.add(n);
    return n;
  }
}

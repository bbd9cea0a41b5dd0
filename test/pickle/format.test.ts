/**
 * The bytes docs/FORMAT.md describes, written out by hand. If one of these fails, the
 * format changed: update docs/FORMAT.md, and bump FORMAT_VERSION unless the change only
 * adds a new code (old snapshots must stay readable by the same version).
 */
import { describe, it, expect } from "vitest";
import { pickle, unpickle, FORMAT_VERSION } from "../../runtime/pickle/index.js";

const HEADER = "d6 01 53 4c 50 01";
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex").replace(/(..)(?=.)/g, "$1 ");

describe("wire format version 1", () => {
  it("is version 1", () => {
    expect(FORMAT_VERSION).toBe(1);
  });

  // eslint-disable-next-line no-sparse-arrays
  const holey = [1, , 3];
  const shared = { k: 1 };
  const cases: [string, unknown, string][] = [
    ["null", null, "c0"],
    ["positive fixint", 5, "05"],
    ["uint16", 300, "cd 01 2c"],
    ["negative fixint", -3, "fd"],
    ["int8", -100, "d0 9c"],
    ["uint64 below 2^53", 2 ** 40, "cf 00 00 01 00 00 00 00 00"],
    ["int64 below 2^53", -(2 ** 40), "d3 ff ff ff 00 00 00 00 00"],
    ["-0 as float32", -0, "ca 80 00 00 00"],
    ["exact float32", 1.5, "ca 3f c0 00 00"],
    ["float64", 0.1, "cb 3f b9 99 99 99 99 99 9a"],
    ["NaN as float32", NaN, "ca 7f c0 00 00"],
    ["undefined", undefined, "d4 02 00"],
    ["fixstr", "x", "a1 78"],
    ["fixstr up to 31 bytes", "hello world", "ab 68 65 6c 6c 6f 20 77 6f 72 6c 64"],
    ["str8", "x".repeat(40), "d9 28" + " 78".repeat(40)],
    ["lone surrogate as WTF16", "\ud800", "d5 0c d8 00"],
    ["BigInt 1n", 1n, "d5 0a 00 01"],
    ["BigInt -256n", -256n, "c7 03 0a 01 01 00"],
    ["Symbol.for", Symbol.for("k"), "d4 0b 00 a1 6b"],
    ["empty object", {}, "80"],
    ["object: a shape definition", { a: 1, b: "x" }, "d4 05 02 a1 61 a1 62 01 a1 78"],
    ["second object of a shape", [{ a: 1 }, { a: 2 }], "92 d4 05 01 a1 61 01 d4 06 00 02"],
    ["array with a hole", holey, "93 01 d4 04 01 03"],
    ["shared object: REF to id 1", [shared, shared], "92 d4 05 01 a1 6b 01 d4 03 01"],
    ["cycle: REF to itself", (() => { const a: unknown[] = []; a.push(a); return a; })(), "91 d4 03 00"],
    ["Map", new Map([[1, 2]]), "d4 14 00 92 01 02"],
    ["Set", new Set(["a"]), "d4 15 00 91 a1 61"],
    ["Date", new Date(0), "d4 16 00 00"],
    ["RegExp", /a/g, "d4 17 00 a1 61 a1 67 00"],
    ["Uint8Array", new Uint8Array([7]), "d4 19 01 d4 18 00 c4 01 07 00 01"],
    ["null-prototype object", Object.assign(Object.create(null), { z: 0 }), "d4 07 00 d4 05 01 a1 7a 00"],
  ];
  for (const [what, value, body] of cases) {
    it(what, () => {
      const bytes = pickle(value);
      expect(hex(bytes)).toBe(`${HEADER} ${body}`);
      expect(unpickle(bytes)).toStrictEqual(value);
    });
  }
});

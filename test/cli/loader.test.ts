// The loader's rules, called in-process with stand-in `next` hooks (the end-to-end
// behaviour through Node's hooks thread is in run.test.ts).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileCached } from "../../cli/compile-cache.js";
import { load, looksLikeModule, resolve, typeScriptFallback } from "../../cli/loader.js";
import { compilablePath, ownRoot } from "../../cli/paths.js";
import { fixture, root } from "./helpers.js";

const notFound = Object.assign(new Error("not found"), { code: "ERR_MODULE_NOT_FOUND" });
const parent = pathToFileURL(fixture("hello.ts")).href;
const url = (name: string): string => pathToFileURL(fixture(name)).href;

describe("typeScriptFallback", () => {
  it("maps ./x.js to ./x.ts when only the .ts exists", () => {
    expect(typeScriptFallback("./greet.js", parent, notFound)).toBe(url("greet.ts"));
  });
  it("tries extensions and index files for an extensionless specifier", () => {
    expect(typeScriptFallback("./shout", parent, notFound)).toBe(url("shout.ts"));
    expect(typeScriptFallback("./lib", parent, { code: "ERR_UNSUPPORTED_DIR_IMPORT" })).toBe(url("lib/index.ts"));
    expect(typeScriptFallback("./lib/", parent, { code: "ERR_UNSUPPORTED_DIR_IMPORT" })).toBe(url("lib/index.ts"));
  });
  it("keeps the query and hash", () => {
    expect(typeScriptFallback("./greet.js?v=1#h", parent, notFound)).toBe(`${url("greet.ts")}?v=1#h`);
  });
  it("gives up (null: Node's error stands) when nothing matches or it is not its case", () => {
    expect(typeScriptFallback("./missing.js", parent, notFound)).toBeNull();
    expect(typeScriptFallback("./greet.cjs", parent, notFound)).toBeNull();
    expect(typeScriptFallback("some-package", parent, notFound)).toBeNull();
    expect(typeScriptFallback("./greet.js", parent, new Error("other"))).toBeNull();
    expect(typeScriptFallback("./greet.js", undefined, notFound)).toBeNull();
  });
});

describe("resolve", () => {
  it("resolves stackless-ts from this package, whoever imports it", async () => {
    let seen: string | undefined;
    const next = (_s: string, c?: { parentURL?: string | undefined }) => {
      seen = c?.parentURL;
      return { url: "file:///x.js" };
    };
    await resolve("stackless-ts/protocol", { conditions: [], importAssertions: {}, importAttributes: {}, parentURL: "file:///elsewhere/a.js" }, next);
    expect(seen).toBeDefined();
    expect(compilablePath(seen ?? "")).toBeNull(); // it is a file of our own cli/
    expect(seen?.startsWith(pathToFileURL(ownRoot).href)).toBe(true);
  });
  it("falls back to the .ts when Node cannot find ./x.js", async () => {
    const next = () => {
      throw notFound;
    };
    const r = await resolve("./greet.js", { conditions: [], importAssertions: {}, importAttributes: {}, parentURL: parent }, next);
    expect(r).toEqual({ url: url("greet.ts"), shortCircuit: true });
  });
});

describe("compilablePath", () => {
  it("takes project .ts/.mts/.js/.mjs files", () => {
    expect(compilablePath(url("hello.ts"))).toBe(fixture("hello.ts"));
    expect(compilablePath(`${url("hello.ts")}?x=1`)).toBe(fixture("hello.ts"));
  });
  it("leaves node_modules, our own runtime and tools, declarations and other types alone", () => {
    expect(compilablePath(pathToFileURL(join(root, "node_modules", "x", "a.js")).href)).toBeNull();
    expect(compilablePath(pathToFileURL(join(ownRoot, "dist", "runtime", "index.js")).href)).toBeNull();
    expect(compilablePath(pathToFileURL(join(ownRoot, "runtime", "channel.ts")).href)).toBeNull();
    expect(compilablePath(pathToFileURL(join(ownRoot, "compiler", "compile.ts")).href)).toBeNull();
    expect(compilablePath(url("types.d.ts"))).toBeNull();
    expect(compilablePath(url("data.json"))).toBeNull();
    expect(compilablePath(url("old.cjs"))).toBeNull();
    expect(compilablePath("node:fs")).toBeNull();
  });
});

describe("looksLikeModule", () => {
  it("sees import/export statements and import.meta", () => {
    expect(looksLikeModule('import fs from "node:fs";')).toBe(true);
    expect(looksLikeModule('import { a } from "./a.js";')).toBe(true);
    expect(looksLikeModule('import "./side.js";')).toBe(true);
    expect(looksLikeModule("export const x = 1;")).toBe(true);
    expect(looksLikeModule("  console.log(import.meta.url);\nimport.meta.url")).toBe(true);
  });
  it("does not take CommonJS (or a dynamic import) for a module", () => {
    expect(looksLikeModule('const fs = require("fs");\nmodule.exports = {};')).toBe(false);
    expect(looksLikeModule('import("./lazy.js").then(console.log);')).toBe(false);
    expect(looksLikeModule("// import x from 'y'")).toBe(false);
  });
});

describe("load", () => {
  const ctx = (format: "module" | "commonjs" | undefined) => ({ conditions: [], format, importAssertions: {}, importAttributes: {} });
  const passThrough = () => ({ format: "passed", shortCircuit: true });

  it("compiles a project .ts file into an ES module with an inline source map", async () => {
    const r = await load(url("greet.ts"), ctx(undefined), passThrough);
    expect(r.format).toBe("module");
    expect(String(r.source)).toContain("stackless-ts/protocol");
    expect(String(r.source)).toMatch(/\/\/# sourceMappingURL=data:application\/json;charset=utf-8;base64,\S+\n$/);
  });
  it("hands other files to the next hook", async () => {
    expect((await load("node:fs", ctx(undefined), passThrough)).format).toBe("passed");
    const dep = pathToFileURL(join(root, "node_modules", "msgpackr", "index.js")).href;
    expect((await load(dep, ctx("module"), passThrough)).format).toBe("passed");
  });
});

describe("compileCached on disk", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "stackless-cache-"));
    writeFileSync(join(dir, "package.json"), "{}");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes nothing when the project has no node_modules", async () => {
    const file = join(dir, "a.ts");
    await compileCached(file, "export const a: number = 1;\n");
    expect(readdirSync(dir)).toEqual(["package.json"]);
  });
  it("stores the output under node_modules/.cache/stackless-ts, keyed by content", async () => {
    mkdirSync(join(dir, "node_modules"));
    const file = join(dir, "b.ts");
    const code = await compileCached(file, "export const b: number = 2;\n");
    const cache = join(dir, "node_modules", ".cache", "stackless-ts");
    const entries = readdirSync(cache);
    expect(entries).toHaveLength(1);
    expect(readFileSync(join(cache, entries[0] ?? ""), "utf8")).toBe(code);
    await compileCached(file, "export const b: number = 3;\n");
    expect(readdirSync(cache)).toHaveLength(2);
  });
});

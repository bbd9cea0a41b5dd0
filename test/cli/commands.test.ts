// Command dispatch, help, and `stackless compile`.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, fixture, node, root, stackless } from "./helpers.js";

beforeAll(ensureBuilt, 120_000);

describe("stackless (dispatch)", () => {
  it("--help lists every command and exits 0", () => {
    const r = stackless(["--help"]);
    expect(r.status).toBe(0);
    for (const c of ["run [--save PATH] [--timeout N] FILE", "compile SRC", "resume [--root DIR] [--save PATH] [--timeout N] SNAPSHOT", "inspect [--root DIR] [--json] [--all] SNAPSHOT"]) {
      expect(r.stdout).toContain(`stackless ${c}`);
    }
  });

  it("--version prints the package's version", () => {
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
    expect(stackless(["--version"])).toMatchObject({ status: 0, stdout: `${version}\n` });
  });

  it("`COMMAND --help` prints that command's usage", () => {
    const r = stackless(["compile", "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("usage: stackless compile SRC [-o OUT]");
  });

  it("exits 2 on an unknown command, naming it, with a usage line", () => {
    const r = stackless(["frobnicate", "x"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
    expect(r.stderr).toContain("usage: stackless <command>");
  });

  it("exits 2 without a command", () => {
    const r = stackless([]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("usage: stackless <command>");
  });

  it("does not take Object.prototype names for commands", () => {
    expect(stackless(["constructor"]).status).toBe(2);
  });

  it("exits 2 on an unknown option of run, resume or inspect, naming it", () => {
    for (const args of [["run", "--frob", "x.ts"], ["resume", "--frob", "x.snap"], ["inspect", "x.snap", "--frob"]]) {
      const r = stackless(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("unknown option '--frob'");
      expect(r.stderr).toContain(`usage: stackless ${args[0]} `);
    }
  });
});

describe("stackless compile", () => {
  let dir: string;
  beforeAll(() => {
    // A project that installed stackless-ts: the output imports stackless-ts/protocol.
    dir = mkdtempSync(join(tmpdir(), "stackless-compile-"));
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(root, join(dir, "node_modules", "stackless-ts"), "dir");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("-o writes OUT and OUT.map, and node runs OUT", () => {
    const out = join(dir, "out", "plain.js");
    const r = stackless(["compile", fixture("plain.ts"), "-o", out]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/\n\/\/# sourceMappingURL=plain\.js\.map\n$/);
    const map = JSON.parse(readFileSync(`${out}.map`, "utf8")) as { sources: string[]; file: string };
    expect(map.file).toBe("plain.js");
    expect(map.sources).toHaveLength(1);
    expect(join(dir, "out", map.sources[0] ?? "")).toBe(fixture("plain.ts"));
    const ran = node([out]);
    expect(ran.stderr).toBe("");
    expect(ran.stdout).toBe("bump 1\nbump 2\nplain done\n");
  });

  it("without -o prints the code with an inline map", () => {
    const r = stackless(["compile", fixture("greet.ts")]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("stackless-ts/protocol");
    expect(r.stdout).toContain("//# sourceMappingURL=data:application/json");
  });

  it("with STACKLESS_TRANSFORM=0 strips the types only", () => {
    const r = stackless(["compile", fixture("greet.ts")], { env: { STACKLESS_TRANSFORM: "0" } });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain("stackless-ts/protocol");
    expect(r.stdout).toContain("export function greet(name) {");
  });

  it("exits 2 naming a missing SRC", () => {
    const r = stackless(["compile", "nope.ts", "-o", join(dir, "nope.js")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("cannot find file 'nope.ts'");
    expect(r.stderr).toContain("usage: stackless compile SRC");
    expect(existsSync(join(dir, "nope.js"))).toBe(false);
  });

  it("refuses to overwrite SRC", () => {
    const r = stackless(["compile", fixture("plain.ts"), "-o", fixture("plain.ts")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("would overwrite SRC");
  });

  it("exits 2 on an unknown option", () => {
    const r = stackless(["compile", fixture("plain.ts"), "--frob"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown option '--frob'");
  });
});

/**
 * `stackless inspect [--root DIR] [--json] [--all] SNAPSHOT`: what a snapshot holds,
 * without running it: every tasklet (id, runnable/blocked/paused, restorable), its
 * frames top first at their original source positions with their locals, and the
 * channel it waits on.
 *
 * Decoding needs the code (frames are records of compiled functions), so the modules
 * the snapshot names are imported as `resume` imports them; the snapshot is unpickled
 * (not restored: nothing goes into the scheduler) and the process exits as soon as it
 * has printed, so that nothing it decoded ever runs.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../errors.js";
import { parseOptions } from "../options.js";
import { formatUncaught } from "../report.js";
import { CODE, loadRuntime, type Runtime } from "../runtime.js";
import { explainRestoreError, moduleLoader, readSnapshot, snapshotRoot } from "../snapshot-file.js";
import type { Frame, Tasklet } from "../../runtime/index.js";

/** Identical consecutive frames shown before the rest are summed up (as Python's tracebacks do). */
const REPEATS_SHOWN = 3;
/** Longest rendering of one local's value. */
const VALUE_WIDTH = 100;

interface Snapshot {
  stackless: "snapshot";
  version: number;
  tasklets: Tasklet[];
  runnable: boolean[];
}

interface FrameInfo {
  function: string;
  file: string;
  line: number;
  /** 1-based, as in Node's stack traces and editors (Frame.column is 0-based) */
  column: number;
  source: string | null;
  locals: Record<string, string>;
}

interface WaitInfo {
  channel?: number;
  /** the module-level binding that holds the channel, if any */
  name?: string;
  module?: string;
  direction?: "send" | "receive";
  balance?: number;
  /** what a blocked sender is sending */
  value?: string;
  /** anything else: "sleep until …" */
  description?: string;
}

interface TaskletInfo {
  id: number;
  state: "runnable" | "blocked" | "paused";
  restorable: boolean;
  started: boolean;
  /** a tasklet that never ran: the call it will start with */
  start?: { function: string; file: string | null; line: number | null; column: number | null; args: string[] };
  atomic: boolean;
  waitsOn: WaitInfo | null;
  frames: FrameInfo[];
}

export async function inspectCommand(args: readonly string[]): Promise<number> {
  const { values, flags, operands } = parseOptions(args, { values: ["--root"], flags: ["--json", "--all"], stopAtOperand: false });
  const [file, ...extra] = operands;
  if (file === undefined) throw new UsageError("missing SNAPSHOT");
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}' (one SNAPSHOT at a time)`);
  const bytes = readSnapshot(file);
  const root = snapshotRoot(values.get("--root") ?? null);
  await import("../register.js");
  let runtime: Runtime;
  try {
    runtime = await loadRuntime();
  } catch (error) {
    process.stderr.write(`stackless inspect: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const loaded: string[] = [];
  const load = moduleLoader(root);
  let value: unknown;
  try {
    value = await runtime.api.unpickleAsync(bytes, {
      load: (id) => {
        loaded.push(id);
        return load(id);
      },
    });
  } catch (error) {
    const explained = explainRestoreError(error, runtime, file);
    process.stderr.write(explained === null ? `${formatUncaught(error)}\n` : `stackless inspect: ${explained}\n`);
    return 1;
  }
  if (!isSnapshot(value)) {
    process.stderr.write(`stackless inspect: ${file} holds a pickled value, not a snapshot() of a program's tasklets\n`);
    return 1;
  }
  const channelNames = channelBindings(runtime, value, loaded);
  const sources = new SourceLines(root);
  const tasklets = value.tasklets.map((t, i) => describeTasklet(runtime, t, value.runnable[i] === true, channelNames, sources));
  const version = bytes[5] ?? 0;
  process.stdout.write(
    flags.has("--json")
      ? `${JSON.stringify({ file, formatVersion: version, bytes: bytes.length, root, tasklets }, null, 2)}\n`
      : renderText(file, version, bytes.length, tasklets, flags.has("--all")),
  );
  // Unpickling queued the blocked tasklets on their channels and the sleepers on their
  // timers: leave now, before the event loop could run any of them.
  process.exit(0);
}

function isSnapshot(v: unknown): v is Snapshot {
  const d = v as Partial<Snapshot> | null;
  return d !== null && typeof d === "object" && d.stackless === "snapshot" && Array.isArray(d.tasklets) && Array.isArray(d.runnable);
}

// --- describing ------------------------------------------------------------------

function describeTasklet(rt: Runtime, t: Tasklet, runnable: boolean, names: Map<unknown, string[]>, sources: SourceLines): TaskletInfo {
  const frames: FrameInfo[] = [];
  for (let f: Frame | null = t.frame; f !== null; f = f.back) {
    const locals: Record<string, string> = {};
    for (const [name, v] of Object.entries(f.locals)) locals[name] = short(rt, v, 0);
    frames.push({ function: f.functionName, file: f.fileName, line: f.line, column: f.column + 1, source: sources.line(f.fileName, f.line), locals });
  }
  const info: TaskletInfo = {
    id: t.id,
    state: runnable ? "runnable" : t.blocked ? "blocked" : "paused",
    restorable: t.restorable,
    started: frames.length > 0,
    atomic: t.atomic,
    waitsOn: describeWait(rt, t, names),
    frames,
  };
  if (frames.length === 0 && t.boundFunc !== null) {
    const code = (t.boundFunc as { [CODE]?: { module: { id: string }; line: number; column: number } })[CODE];
    info.start = {
      function: t.boundFunc.name || "<anonymous>",
      file: code?.module.id ?? null,
      line: code?.line ?? null,
      column: code === undefined ? null : code.column + 1,
      args: (t.boundArgs ?? []).map((a) => short(rt, a, 0)),
    };
  }
  return info;
}

function describeWait(rt: Runtime, t: Tasklet, names: Map<unknown, string[]>): WaitInfo | null {
  const ch = t.blockedOn;
  if (ch !== null) {
    const [name, module] = names.get(ch) ?? [];
    const w: WaitInfo = { channel: ch.id, direction: t.blockedDir > 0 ? "send" : "receive", balance: ch.balance };
    if (name !== undefined && module !== undefined) Object.assign(w, { name, module });
    if (t.blockedDir > 0) w.value = short(rt, t.tempval, 0);
    return w;
  }
  return t.blocked ? { description: t.describeBlock() } : null;
}

/** Channels held by module-level bindings of the modules involved: [name, module id]. */
function channelBindings(rt: Runtime, snap: Snapshot, loaded: readonly string[]): Map<unknown, string[]> {
  const ids = new Set(loaded);
  for (const t of snap.tasklets) for (let f = t.frame; f !== null; f = f.back) ids.add(f.fileName);
  const names = new Map<unknown, string[]>();
  for (const id of ids) {
    for (const [name, v] of rt.protocol.findModule(id)?.bindings ?? []) {
      if (v instanceof rt.api.Channel && !names.has(v)) names.set(v, [name, id]);
    }
  }
  return names;
}

/** The text of a source line, for showing next to a frame; null if unreadable. */
class SourceLines {
  #files = new Map<string, string[] | null>();
  constructor(readonly root: string) {}
  line(moduleId: string, line: number): string | null {
    let lines = this.#files.get(moduleId);
    if (lines === undefined) {
      try {
        lines = readFileSync(join(this.root, moduleId), "utf8").split(/\r?\n/);
      } catch {
        lines = null;
      }
      this.#files.set(moduleId, lines);
    }
    const text = lines?.[line - 1]?.trim();
    return text === undefined || text === "" ? null : clip(text, VALUE_WIDTH);
  }
}

// --- values ------------------------------------------------------------------------

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** One short line for any value: what a debugger shows next to a variable. */
export function short(rt: Runtime, v: unknown, depth: number): string {
  return clip(render(rt, v, depth), VALUE_WIDTH);
}

function render(rt: Runtime, v: unknown, depth: number): string {
  switch (typeof v) {
    case "undefined":
      return "undefined";
    case "boolean":
      return String(v);
    case "number":
      return Object.is(v, -0) ? "-0" : String(v);
    case "bigint":
      return `${v}n`;
    case "string": {
      const max = depth === 0 ? 60 : 24;
      return JSON.stringify(v.length > max ? `${v.slice(0, max - 1)}…` : v);
    }
    case "symbol":
      return String(v);
    case "function": {
      const isClass = /^class\b/.test(Function.prototype.toString.call(v));
      return `[${isClass ? "class" : "function"} ${v.name || "<anonymous>"}]`;
    }
  }
  if (v === null) return "null";
  const { api, protocol } = rt;
  if (v === protocol.rt.UNWIND || v === protocol.rt.RESUME || v === protocol.rt.NOBODY) return "<pending call>";
  if (v instanceof api.Tasklet) return `<tasklet ${v.id}>`;
  if (v instanceof api.Channel) return `<channel ${v.id}>`;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "Invalid Date" : v.toISOString();
  if (v instanceof RegExp) return String(v);
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}(${(v as unknown as { length?: number }).length ?? v.byteLength})`;
  if (v instanceof ArrayBuffer) return `ArrayBuffer(${v.byteLength})`;
  const items = (list: string[], total: number): string => (total > list.length ? [...list, `… ${total - list.length} more`] : list).join(", ");
  if (Array.isArray(v)) {
    if (depth >= 2) return `[… ${v.length} items]`;
    const shown = v.slice(0, 5).map((x) => render(rt, x, depth + 1));
    return `[${items(shown, v.length)}]`;
  }
  if (v instanceof Map) {
    if (depth >= 2) return `Map(${v.size})`;
    const shown = [...v].slice(0, 4).map(([k, x]) => `${render(rt, k, depth + 1)} => ${render(rt, x, depth + 1)}`);
    return `Map(${v.size}) {${items(shown, v.size)}}`;
  }
  if (v instanceof Set) {
    if (depth >= 2) return `Set(${v.size})`;
    const shown = [...v].slice(0, 5).map((x) => render(rt, x, depth + 1));
    return `Set(${v.size}) {${items(shown, v.size)}}`;
  }
  const proto = Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null;
  const kind = proto === null ? "[Object: null prototype] " : proto === Object.prototype ? "" : `${proto.constructor?.name ?? "Object"} `;
  const keys = Object.keys(v as object);
  if (depth >= 2) return `${kind}{…}`;
  if (keys.length === 0) return `${kind}{}`;
  const shown = keys.slice(0, 4).map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${render(rt, (v as Record<string, unknown>)[k], depth + 1)}`);
  return `${kind}{ ${items(shown, keys.length)} }`;
}

// --- text --------------------------------------------------------------------------

function renderText(file: string, version: number, size: number, tasklets: TaskletInfo[], all: boolean): string {
  const out: string[] = [];
  const count = (state: TaskletInfo["state"]): number => tasklets.filter((t) => t.state === state).length;
  const states = (["runnable", "blocked", "paused"] as const).filter((s) => count(s) > 0).map((s) => `${count(s)} ${s}`);
  out.push(`snapshot ${file}: format version ${version}, ${size} bytes, ${plural(tasklets.length, "tasklet")}${states.length > 0 ? ` (${states.join(", ")})` : ""}`);
  for (const t of tasklets) {
    out.push("");
    const flags = [t.state, t.restorable ? "restorable" : "NOT restorable"];
    if (t.atomic) flags.push("atomic");
    if (t.frames.length > 0) flags.push(plural(t.frames.length, "frame"));
    out.push(`tasklet ${t.id}: ${flags.join(", ")}`);
    if (t.waitsOn !== null) out.push(`  waits: ${waitText(t.waitsOn)}`);
    if (t.start !== undefined) {
      const where = t.start.file === null ? "plain code" : `${t.start.file}:${t.start.line}:${t.start.column}`;
      out.push(`  not started yet: ${t.start.function}(${t.start.args.join(", ")})  (${where})`);
    }
    for (const line of frameLines(t.frames, all)) out.push(line);
  }
  return `${out.join("\n")}\n`;
}

function waitText(w: WaitInfo): string {
  if (w.channel === undefined) return w.description ?? "something";
  const name = w.name === undefined ? "" : ` (${w.name} in ${w.module})`;
  const what = w.direction === "send" ? `sending ${w.value} on` : "receiving on";
  return `${what} channel ${w.channel}${name}, balance ${w.balance}`;
}

function frameLines(frames: FrameInfo[], all: boolean): string[] {
  const out: string[] = [];
  const where = (f: FrameInfo): string => `${f.function} (${f.file}:${f.line}:${f.column})`;
  let run = 0;
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i]!;
    run = i > 0 && where(frames[i - 1]!) === where(f) ? run + 1 : 1;
    if (!all && run > REPEATS_SHOWN) {
      let j = i;
      while (j < frames.length && where(frames[j]!) === where(f)) j++;
      out.push(`  [the frame above repeats ${j - i} more time${j - i === 1 ? "" : "s"}, with other locals; --all shows every frame]`);
      i = j - 1;
      continue;
    }
    out.push(`  ${where(f)}`);
    if (f.source !== null) out.push(`    > ${f.source}`);
    for (const [name, text] of Object.entries(f.locals)) out.push(`      ${name} = ${text}`);
  }
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

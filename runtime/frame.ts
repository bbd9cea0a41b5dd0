/**
 * The public view of saved frames (API.md `Frame`): what a debugger and `t.frame` show.
 * Built on demand from frame records; positions come from the code record's pc table,
 * which the compiler already wrote in original-source coordinates.
 */
import { CODE } from "./keys.js";
import type { CompiledFunction, FrameRecord } from "./protocol.js";

export interface Frame {
  functionName: string;
  fileName: string;
  line: number;
  column: number;
  locals: Record<string, unknown>;
  back: Frame | null;
}

export function frameView(rec: FrameRecord | null): Frame | null {
  if (rec === null) return null;
  const code = rec.fn[CODE];
  const locals: Record<string, unknown> = {};
  code.vars.forEach((name, i) => {
    // Temporaries and environments are the compiler's, not the user's.
    if (!name.startsWith("$")) locals[name] = rec.vars[i];
  });
  const line = code.pcs[2 * rec.pc] ?? code.line;
  const column = code.pcs[2 * rec.pc + 1] ?? code.column;
  let back: Frame | null | undefined;
  return {
    functionName: code.name,
    fileName: code.module.id,
    line,
    column,
    locals,
    get back() {
      if (back === undefined) back = frameView(rec.back);
      return back;
    },
  };
}

/**
 * The one frame a tasklet suspended in plain code (a hard switch) shows: the tasklet-code
 * function that plain code called back last (its Level's entry, which the switch keeps
 * anyway), at that function's first line, without locals and with nothing behind it.
 * Its frames are live JavaScript frames below the running code, which JavaScript cannot
 * read; the records saved further down are separated from this one by frames nobody
 * can show, so they are not chained. null when no tasklet code was called back (main's
 * top level, a plain tasklet function).
 */
export function entryView(fn: Function | null): Frame | null {
  const code = (fn as Partial<CompiledFunction> | null)?.[CODE];
  if (code === undefined) return null;
  return { functionName: code.name, fileName: code.module.id, line: code.line, column: code.column, locals: {}, back: null };
}

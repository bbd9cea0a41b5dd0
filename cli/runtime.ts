/**
 * The runtime instance the program uses, for the commands that drive it (run, resume,
 * inspect). Resolved by name, through the loader's pin, so it is the very module
 * instance the program's compiled code imports: a second copy would have its own, empty,
 * scheduler. The internal modules (watchdog, scheduler) are the siblings of that entry
 * point, so they are the same instances too.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type * as Api from "../runtime/index.js";
import type * as Protocol from "../runtime/protocol.js";
import type * as Scheduler from "../runtime/scheduler.js";
import type * as Watchdog from "../runtime/watchdog.js";

/**
 * The own key of a compiled function's code record (runtime/keys.ts): a registered
 * symbol, so it is the program's runtime's key without importing that runtime here.
 */
export const CODE: unique symbol = Symbol.for("stackless-ts/code");

export interface Runtime {
  api: typeof Api;
  protocol: typeof Protocol;
  scheduler: typeof Scheduler;
  watchdog: typeof Watchdog;
}

/** The runtime's entry point as a file: URL, or null when it is not built. */
export function runtimeUrl(): string | null {
  const url = import.meta.resolve("stackless-ts");
  return existsSync(fileURLToPath(url)) ? url : null;
}

export async function loadRuntime(): Promise<Runtime> {
  const url = runtimeUrl();
  if (url === null) throw new Error("stackless: the runtime is not built (dist/runtime is missing); run `npm run build` first");
  const sibling = (name: string): string => new URL(`./${name}.js`, url).href;
  const [api, protocol, scheduler, watchdog] = await Promise.all([
    import(url) as Promise<typeof Api>,
    import(sibling("protocol")) as Promise<typeof Protocol>,
    import(sibling("scheduler")) as Promise<typeof Scheduler>,
    import(sibling("watchdog")) as Promise<typeof Watchdog>,
  ]);
  return { api, protocol, scheduler, watchdog };
}

/** Alive tasklets other than main and the current one: what snapshot() would save. */
export function savableTasklets(rt: Runtime): Api.Tasklet[] {
  return [...rt.scheduler.liveTasklets].filter((t) => t.alive && !t.isMain && !t.isCurrent);
}

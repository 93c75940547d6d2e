/**
 * One-line notes on stderr ("note: …") from code that has no CliIo at hand, such as the kernel
 * resolution every command shares. Each runCli call gets its own sink through AsyncLocalStorage,
 * so concurrent in-process runs (the tests) never see each other's notes.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { CliIo } from "./io.ts";

const sink = new AsyncLocalStorage<{ readonly io: CliIo; readonly seen: Set<string> }>();

export function withNotes<T>(io: CliIo, run: () => Promise<T>): Promise<T> {
  return sink.run({ io, seen: new Set() }, run);
}

/** Prints `note: <text>` once per run. */
export function note(text: string): void {
  const store = sink.getStore();
  if (store === undefined || store.seen.has(text)) return;
  store.seen.add(text);
  store.io.stderr.write(`xsysgen: note: ${text}\n`);
}

/**
 * One-line notes on stderr ("note: …") from code that has no CliIo at hand, such as the kernel
 * resolution every command shares. Each runCli call gets its own sink through AsyncLocalStorage,
 * so concurrent in-process runs (the tests) never see each other's notes.
 *
 * The `xsysgen` process runs one command, and there AsyncLocalStorage is not used at all: on Node
 * 20 it installs promise hooks that run on every promise the process makes, which cost a header
 * archive's read (thousands of awaited entries) ~15 % of its CPU. main.ts calls
 * {@link oneRunPerProcess} and the sink is then a plain variable.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { CliIo } from "./io.ts";

interface Sink {
  readonly io: CliIo;
  readonly seen: Set<string>;
}

const sink = new AsyncLocalStorage<Sink>();
let alone = false;
let current: Sink | undefined;

/** For the CLI's entry point, which calls runCli once: notes go to that run without async context. */
export function oneRunPerProcess(): void {
  alone = true;
}

export async function withNotes<T>(io: CliIo, run: () => Promise<T>): Promise<T> {
  if (!alone) return sink.run({ io, seen: new Set() }, run);
  const outer = current;
  current = { io, seen: new Set() };
  try {
    return await run();
  } finally {
    current = outer;
  }
}

/** Prints `note: <text>` once per run. */
export function note(text: string): void {
  const store = alone ? current : sink.getStore();
  if (store === undefined || store.seen.has(text)) return;
  store.seen.add(text);
  store.io.stderr.write(`xsysgen: note: ${text}\n`);
}

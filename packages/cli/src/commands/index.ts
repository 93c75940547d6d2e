/** The command table: each verb's implementation, loaded on first use (definitions: ../verbs.ts). */
import type { Settings } from "../environment.ts";
import type { CliIo } from "../io.ts";

/** A command: its arguments after the verb, where it prints, and what the XSYSGEN_* variables say. */
export type Command = (argv: readonly string[], io: CliIo, settings: Settings) => Promise<number>;

// Each command's module (and what it pulls in: the archive reader, the Go-module writer,
// web-tree-sitter) loads only when that command runs: `gen --kernel` starts in a fraction of
// the time loading all of them takes.
export const commands: ReadonlyMap<string, Command> = new Map<string, Command>([
  ["gen", async (argv, io, settings) => (await import("./gen.ts")).genCommand(argv, io, settings)],
  ["diff", async (argv, io, settings) => (await import("./diff.ts")).diffCommand(argv, io, settings)],
  ["show", async (argv, io) => (await import("./show.ts")).showCommand(argv, io)],
  ["kernels", async (argv, io) => (await import("./kernels.ts")).kernelsCommand(argv, io)],
  ["apply", async (argv, io, settings) => (await import("./apply.ts")).applyCommand(argv, io, settings)],
  ["check", async (argv, io, settings) => (await import("./check.ts")).checkCommand(argv, io, settings)],
]);

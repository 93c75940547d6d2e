/** The command table: each verb's implementation, loaded on first use (definitions: ../verbs.ts). */
import type { CliIo } from "../io.ts";

export type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

// Each command's module (and what it pulls in: the archive reader, the Go-module writer,
// web-tree-sitter) loads only when that command runs: `gen --kernel` starts in a fraction of
// the time loading all of them takes.
export const commands: ReadonlyMap<string, Command> = new Map<string, Command>([
  ["gen", async (argv, io) => (await import("./gen.ts")).genCommand(argv, io)],
  ["diff", async (argv, io) => (await import("./diff.ts")).diffCommand(argv, io)],
  ["show", async (argv, io) => (await import("./show.ts")).showCommand(argv, io)],
  ["kernels", async (argv, io) => (await import("./kernels.ts")).kernelsCommand(argv, io)],
  ["apply", async (argv, io) => (await import("./apply.ts")).applyCommand(argv, io)],
  ["check", async (argv, io) => (await import("./check.ts")).checkCommand(argv, io)],
]);

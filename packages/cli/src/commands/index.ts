/** The command table and `xsysgen --help`. */
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

export function renderHelp(): string {
  return `xsysgen — Linux syscall numbers for old targets, in the formats Go and C builds use

Usage:
  xsysgen gen (--kernel <version|alias> | --headers <path>) [--arch <goarch>[,…]|all] [--exact]
              [--out <dir>] [--reference <version|path>] [--prefer target|reference] [--like <zsysnum file>] [--json]
  xsysgen diff <from> <to> [--arch …] [--format text|markdown|json|html] [--kernels a,b,…] [--out <file>] [--exit-code]
  xsysgen show <syscall-name|number> [--arch …] [--json]
  xsysgen kernels [--json]
  xsysgen apply (--kernel <v> | --headers <path>) [--module <dir>] [--dest <dir>] [--arch …]
                [--reference <version|path>] [--prefer target|reference] [--dry-run] [--json]
  xsysgen apply --revert [--module <dir>] [--json]
  xsysgen check (--kernel <v> | --headers <path>) [--module <dir>] [--arch …|all] [--reference …] [--include-deps] [--json]

Kernels: 2.6.32 … 7.1 (x.y or x.y.z), RHEL builds (3.10.0-1160.el7, …) and aliases (centos7, rhel8, …);
\`xsysgen kernels\` lists what the embedded registry covers per arch.

Exit codes: 0 clean, 1 findings (check, diff --exit-code), 2 bad input or usage.
`;
}

/** The command table and `xsysgen --help`. */
import type { CliIo } from "../io.ts";
import { applyCommand } from "./apply.ts";
import { checkCommand } from "./check.ts";
import { diffCommand } from "./diff.ts";
import { genCommand } from "./gen.ts";
import { kernelsCommand } from "./kernels.ts";
import { showCommand } from "./show.ts";

export type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

export const commands: ReadonlyMap<string, Command> = new Map<string, Command>([
  ["gen", genCommand],
  ["diff", diffCommand],
  ["show", showCommand],
  ["kernels", kernelsCommand],
  ["apply", applyCommand],
  ["check", checkCommand],
]);

export function renderHelp(): string {
  return `xsysgen — Linux syscall numbers for old targets, in the formats Go and C builds use

Usage:
  xsysgen gen (--kernel <version|alias> | --headers <path>) [--arch <goarch>[,…]|all] [--exact]
              [--out <dir>] [--reference <version|path>] [--prefer target|reference] [--like <zsysnum file>] [--json]
  xsysgen diff <from> <to> [--arch …] [--format text|markdown|json|html] [--kernels a,b,…] [--exit-code]
  xsysgen show <syscall-name|number> [--arch …] [--json]
  xsysgen kernels [--json]
  xsysgen apply (--kernel <v> | --headers <path>) [--module <dir>] [--dest <dir>] [--dry-run] [--revert] [--json]
  xsysgen check (--kernel <v> | --headers <path>) [--module <dir>] [--include-deps] [--json]

Exit codes: 0 clean, 1 findings (check, diff --exit-code), 2 bad input or usage.
`;
}

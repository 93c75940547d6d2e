/**
 * `xsysgen diff <from> <to> [--arch …] [--format text|markdown|json|html] [--json] [--kernels a,b,…]
 *  [--out <file>] [--exit-code]` — each side a kernel version/alias or a headers path. `--json` is
 * `--format json`; without either, `--out`'s extension names the format. `--exit-code` turns "there
 * are differences" into exit 1, like `git diff --exit-code`.
 */
import { UsageError, diff, type DiffFormat } from "xsysgen";
import { parseStrict, stringArg } from "../args.ts";
import type { Settings } from "../environment.ts";
import type { CliIo } from "../io.ts";
import { hostMachine, printNotes } from "../target-flags.ts";

export async function diffCommand(argv: readonly string[], io: CliIo, settings: Settings): Promise<number> {
  const parsed = parseStrict("diff", argv);
  const given = stringArg(parsed, "format");
  if (parsed.json === true && given !== undefined && given !== "json")
    throw new UsageError(`diff: --format ${given} and --json ask for different formats (${given}, json)`);
  const kernelsWord = stringArg(parsed, "kernels");
  if (kernelsWord !== undefined && parsed._.length > 0)
    throw new UsageError("diff: give <from> <to> or --kernels a,b,…, not both");
  const sides =
    kernelsWord !== undefined
      ? kernelsWord
          .split(",")
          .map((w) => w.trim())
          .filter((w) => w.length > 0)
      : parsed._;
  const arch = stringArg(parsed, "arch");
  const out = stringArg(parsed, "out");
  const result = await diff({
    sides,
    ...(arch === undefined ? {} : { arch }),
    ...(parsed.json === true
      ? { format: "json" as DiffFormat }
      : given === undefined
        ? {}
        : { format: given as DiffFormat }),
    ...(out === undefined ? {} : { out }),
    read: settings.read,
    host: hostMachine(),
  });
  printNotes(io, result.notes);
  if (out === undefined) io.stdout.write(result.output);
  else io.stderr.write(`wrote ${out}\n`);
  return parsed["exit-code"] === true && result.changed ? 1 : 0;
}

/**
 * `xsysgen check (--kernel <v> | --headers <path>) [--module <dir>] [--arch …] [--reference …]
 *  [--include-deps] [--json]`: the API's `check`, its findings one line each on stdout and a summary.
 * Exit 1 when a finding is not handled.
 */
import { check } from "xsysgen";
import { parseStrict, stringArg } from "../args.ts";
import type { Settings } from "../environment.ts";
import type { CliIo } from "../io.ts";
import { printJson, printNotes, targetFlags } from "../target-flags.ts";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export async function checkCommand(argv: readonly string[], io: CliIo, settings: Settings): Promise<number> {
  const parsed = parseStrict("check", argv);
  const module = stringArg(parsed, "module");
  const reference = stringArg(parsed, "reference");
  const result = await check({
    ...targetFlags(parsed, settings),
    ...(module === undefined ? {} : { module }),
    ...(reference === undefined ? {} : { reference }),
    includeDeps: parsed["include-deps"] === true,
    env: settings.env,
  });
  printNotes(io, result.notes);
  if (parsed.json === true) {
    printJson(io, result);
  } else {
    const findings = result.findings;
    const count = (failsAt: string) => findings.filter((f) => f.failsAt === failsAt).length;
    const handled = findings.length - result.unhandled;
    const kinds =
      findings.length === 0 ? "" : ` (${count("compile")} compile, ${count("runtime")} runtime; ${handled} handled)`;
    io.stdout.write(
      [
        ...findings.map((f) => `${f.message}\n`),
        `${plural(findings.length, "finding")}${kinds} in ${plural(result.filesScanned, "file")} ` +
          `for ${result.target} (${result.arches.join(", ")})\n`,
      ].join(""),
    );
  }
  return result.unhandled > 0 ? 1 : 0;
}

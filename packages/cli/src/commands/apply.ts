/**
 * `xsysgen apply (--kernel <v> | --headers <path>) [--module <dir>] [--dest <dir>] [--arch …]
 *  [--reference <v|path>] [--prefer target|reference] [--allow-broken-build] [--dry-run] [--json]` and
 * `xsysgen apply --revert`: the API's `apply` and `revert`. What apply did and how the module built go
 * to stderr; stdout gets the result to use — the CGO_CFLAGS line (the diff, with --dry-run), or the
 * JSON document. Exit 1 when new build errors or vet diagnostics made apply undo its change.
 */
import { UsageError, apply, revert } from "xsysgen";
import { parseStrict, stringArg, type Parsed } from "../args.ts";
import type { Settings } from "../environment.ts";
import type { CliIo } from "../io.ts";
import { printJson, printNotes, targetFlags } from "../target-flags.ts";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export async function applyCommand(argv: readonly string[], io: CliIo, settings: Settings): Promise<number> {
  const parsed = parseStrict("apply", argv);
  const module = stringArg(parsed, "module");
  if (parsed.revert === true) return revertCommand(parsed, module, io, settings);
  const dest = stringArg(parsed, "dest");
  const reference = stringArg(parsed, "reference");
  const prefer = stringArg(parsed, "prefer");
  const result = await apply({
    ...targetFlags(parsed, settings),
    ...(module === undefined ? {} : { module }),
    ...(dest === undefined ? {} : { dest }),
    ...(reference === undefined ? {} : { reference }),
    ...(prefer === undefined ? {} : { prefer: prefer as "target" | "reference" }),
    dryRun: parsed["dry-run"] === true,
    allowBrokenBuild: parsed["allow-broken-build"] === true,
    env: settings.env,
    ...(settings.lockWaitSeconds === undefined ? {} : { lockWaitSeconds: settings.lockWaitSeconds }),
  });
  printNotes(io, result.notes);
  if (parsed.json === true) {
    printJson(io, result);
    return result.rolledBack ? 1 : 0;
  }
  const status: string[] = [];
  if (result.recovered !== null) status.push(`recovered an interrupted run (${result.recovered})`);
  const verb = result.diff !== undefined ? "would patch" : "patched";
  status.push(
    `${verb} golang.org/x/sys ${result.xsysVersion} of ${result.module} for ${result.target} ` +
      `into ./${result.dest} (${plural(result.changedFiles.length, "module file")} changed)`,
  );
  const build = result.build;
  if (build !== null) {
    const verdict = build.ok
      ? "ok"
      : build.before === null
        ? "FAILED (this run changed nothing)"
        : build.new.length === 0
          ? "fails as it did before apply (no new errors)"
          : `FAILED: ${plural(build.new.length, "new error line")}`;
    status.push(`${build.command}: ${verdict}`);
    const shown = build.ok ? [] : build.before === null ? build.output.split("\n") : build.new;
    for (const line of shown) status.push(`  ${line}`);
  }
  const vet = result.vet;
  if (vet !== null) {
    const verdict = vet.ok ? "nothing new" : plural(vet.new.length, "new diagnostic");
    status.push(
      `go vet: ${verdict} (${plural(vet.packages.length, "package")} importing golang.org/x/sys; ` +
        `checks: ${vet.checks.join(", ")})`,
    );
    for (const line of vet.new) status.push(`  ${line}`);
  }
  if (result.rolledBack) status.push("rolled back: the module is byte for byte as it was before apply");
  io.stderr.write(status.map((l) => `${l}\n`).join(""));
  if (result.diff !== undefined) io.stdout.write(result.diff);
  else if (!result.rolledBack) io.stdout.write(`${result.exportLine}\n`);
  // New build errors or vet diagnostics are findings about the module, not bad input: the change
  // was undone and the exit code says something needs attention.
  return result.rolledBack ? 1 : 0;
}

async function revertCommand(parsed: Parsed, module: string | undefined, io: CliIo, settings: Settings) {
  for (const flag of ["kernel", "headers", "dest", "arch", "reference", "prefer", "dry-run", "allow-broken-build"]) {
    if (parsed[flag] !== undefined && parsed[flag] !== false)
      throw new UsageError(`apply --revert takes only --module and --json, not --${flag}`);
  }
  const result = await revert({
    ...(module === undefined ? {} : { module }),
    env: settings.env,
    ...(settings.lockWaitSeconds === undefined ? {} : { lockWaitSeconds: settings.lockWaitSeconds }),
  });
  if (parsed.json === true) printJson(io, result);
  else io.stderr.write(`reverted ${plural(result.changedFiles.length, "module file")} and removed ./${result.dest}\n`);
  return 0;
}

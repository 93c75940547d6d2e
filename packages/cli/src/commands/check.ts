/**
 * `xsysgen check (--kernel <v> | --headers <path>) [--module <dir>] [--arch …] [--reference …]
 *  [--include-deps] [--json]`: what in a Go module fails on the target kernel, on every arch the
 * target serves (as apply patches them) unless `--arch` narrows it. Two kinds: compile (a name the
 * build lacks: `unix.SYS_*` the module's golang.org/x/sys lacks, `syscall.SYS_*`, C's
 * `__NR_*`/`SYS_*`) and runtime (a call whose syscall the kernel lacks, through a number or an
 * x/sys or syscall wrapper: ENOSYS there), each with advice true for the module. Exit 1 when a
 * finding is not handled; a runtime finding whose function compares the error with ENOSYS is
 * listed as handled.
 */
import { checkModule, lacksFromTables, renderFindingLine } from "@xsysgen/writer";
import { archList, parseStrict, stringArg } from "../args.ts";
import type { Settings } from "../environment.ts";
import type { CliIo } from "../io.ts";
import { SCHEMA_VERSION } from "../schema-version.ts";
import { sinceLabel } from "../since.ts";
import { kernelJson, loadReference, loadSource, sourceSpecFromFlags } from "../sources.ts";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export async function checkCommand(argv: readonly string[], io: CliIo, settings: Settings): Promise<number> {
  const parsed = parseStrict("check", argv);
  const kernel = stringArg(parsed, "kernel");
  const headers = stringArg(parsed, "headers");
  const target = await loadSource(
    sourceSpecFromFlags(kernel, headers, "check"),
    archList(stringArg(parsed, "arch")),
    settings.read,
  );
  const reference = await loadReference(stringArg(parsed, "reference"), target.served, settings.read);
  const result = await checkModule({
    moduleDir: stringArg(parsed, "module") ?? ".",
    includeDeps: parsed["include-deps"] === true,
    env: settings.env,
    arches: [...target.served],
    lacks: lacksFromTables(target.tables.values(), reference.tables.values(), sinceLabel),
  });
  const unhandled = result.findings.filter((f) => f.handledBy === undefined).length;
  if (parsed.json === true) {
    const findings = result.findings.map((f) => {
      const sinces = new Set(f.missing.map((m) => m.since ?? null));
      return {
        file: f.file,
        line: f.line,
        column: f.column,
        symbol: f.symbol,
        syscall: f.syscall,
        kind: f.kind,
        api: f.api,
        failsAt: f.failsAt,
        via: f.via,
        handled: f.handledBy !== undefined,
        handledBy: f.handledBy ?? null,
        arches: f.missing.map((m) => m.arch),
        // The first kernel with the syscall; null when unknown or different per arch (see missing).
        since: sinces.size === 1 ? [...sinces][0]! : null,
        missing: f.missing.map((m) => ({ arch: m.arch, since: m.since ?? null, number: m.number ?? null })),
        fix: { kind: f.fix, text: f.advice },
      };
    });
    const document = {
      schemaVersion: SCHEMA_VERSION,
      command: "check",
      target: target.label,
      kernel: kernelJson(target),
      reference: reference.label,
      arches: result.arches,
      xsys: result.xsys ?? null,
      syscallPackage: result.std ?? null,
      filesScanned: result.files.length,
      findings,
    };
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  } else {
    const lines = result.findings.map((f) => `${renderFindingLine(f, target.label)}\n`);
    const count = (failsAt: string) => result.findings.filter((f) => f.failsAt === failsAt).length;
    const handled = result.findings.length - unhandled;
    const kinds =
      result.findings.length === 0
        ? ""
        : ` (${count("compile")} compile, ${count("runtime")} runtime; ${handled} handled)`;
    lines.push(
      `${plural(result.findings.length, "finding")}${kinds} in ${plural(result.files.length, "file")} ` +
        `for ${target.label} (${result.arches.join(", ")})\n`,
    );
    io.stdout.write(lines.join(""));
  }
  return unhandled > 0 ? 1 : 0;
}

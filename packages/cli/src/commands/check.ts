/**
 * `xsysgen check (--kernel <v> | --headers <path>) [--module <dir>] [--arch …] [--reference …]
 *  [--include-deps] [--json]`: every use of a syscall the target lacks, in Go code
 * (`unix.SYS_*`, `syscall.SYS_*` through any import alias, `C.SYS_*`) and in C (cgo preambles, C, C++ and .S files),
 * each with what fixes the build. Exit 1 when there are findings; at run time such calls get
 * ENOSYS on the target kernel whatever fixes the build.
 */
import type { TargetName } from "@xsysgen/core";
import { checkModule, lacksFromTables, type Finding } from "@xsysgen/writer";
import { archList, parseStrict, stringArg } from "../args.ts";
import type { CliIo } from "../io.ts";
import { SCHEMA_VERSION } from "../schema-version.ts";
import { sinceLabel } from "../since.ts";
import { kernelJson, loadReference, loadSource, sourceSpecFromFlags } from "../sources.ts";

/** One sentence: what makes this use build. */
export function renderFix(f: Pick<Finding, "fix" | "symbol" | "syscall" | "missing">): string {
  switch (f.fix) {
    case "apply":
      return "`xsysgen apply` patches golang.org/x/sys so it builds";
    case "x/sys-or-constant": {
      const numbers = f.missing.filter((m) => m.number !== undefined).map((m) => `${m.number} on ${m.arch}`);
      return (
        "the standard library's syscall package is frozen and `xsysgen apply` cannot patch it: " +
        `use golang.org/x/sys/unix.${f.symbol} (then \`xsysgen apply\`) or a local constant` +
        (numbers.length > 0 ? ` (${numbers.join(", ")})` : "")
      );
    }
    case "fallback-header":
      return (
        "the C fallback header fixes the build: " +
        "`xsysgen apply` (prepend its CGO_CFLAGS) or `xsysgen gen` (-I <out>/include)"
      );
  }
}

export async function checkCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseStrict("check", argv);
  const kernel = stringArg(parsed, "kernel");
  const headers = stringArg(parsed, "headers");
  // One arch by default (the common build host); `--arch all` checks every arch the target serves.
  const arches = archList(stringArg(parsed, "arch")) ?? (["amd64"] as TargetName[]);
  const target = await loadSource(sourceSpecFromFlags(kernel, headers, "check"), arches);
  const reference = await loadReference(stringArg(parsed, "reference"), target.served);
  const result = await checkModule({
    moduleDir: stringArg(parsed, "module") ?? ".",
    includeDeps: parsed["include-deps"] === true,
    arches: [...target.served],
    lacks: lacksFromTables(target.tables.values(), reference.tables.values(), sinceLabel),
  });
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
        arches: f.missing.map((m) => m.arch),
        // The first kernel with the syscall; null when unknown or different per arch (see missing).
        since: sinces.size === 1 ? [...sinces][0]! : null,
        missing: f.missing.map((m) => ({ arch: m.arch, since: m.since ?? null, number: m.number ?? null })),
        fix: { kind: f.fix, text: renderFix(f) },
      };
    });
    const document = {
      schemaVersion: SCHEMA_VERSION,
      command: "check",
      target: target.label,
      kernel: kernelJson(target),
      reference: reference.label,
      arches: [...target.served],
      filesScanned: result.files.length,
      findings,
    };
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  } else {
    for (const f of result.findings) {
      const sinces = [...new Set(f.missing.map((m) => m.since).filter((s) => s !== undefined))];
      const arches = f.missing.map((m) => m.arch).join(", ");
      const where = sinces.length === 0 ? arches : `${arches}; Linux ${sinces.join("/")}`;
      io.stdout.write(
        `${f.file}:${f.line}:${f.column}: ${f.symbol}: ${f.syscall} is not in ${target.label} (${where}): ` +
          `${renderFix(f)}; the call gets ENOSYS on that kernel\n`,
      );
    }
    const count = `${result.findings.length} finding${result.findings.length === 1 ? "" : "s"}`;
    io.stdout.write(`${count} in ${result.files.length} files for ${target.label} (${target.served.join(", ")})\n`);
  }
  return result.findings.length > 0 ? 1 : 0;
}

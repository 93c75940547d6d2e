/**
 * `xsysgen check (--kernel <v> | --headers <path>) [--module <dir>] [--arch …] [--reference …]
 *  [--include-deps] [--json]`: every use of a syscall the target lacks, in Go code
 * (`unix.SYS_*`, `syscall.SYS_*` through any import alias) and in C (cgo preambles, .c/.h files).
 * Exit 1 when there are findings: `apply` fixes the build; at run time such calls get ENOSYS.
 */
import type { TargetName } from "@xsysgen/parser";
import { checkModule, lacksFromTables } from "@xsysgen/writer";
import { archList, parseStrict, stringArg } from "../args.ts";
import type { CliIo } from "../io.ts";
import { sinceLabel } from "../since.ts";
import { loadReference, loadSource, sourceSpecFromFlags } from "../sources.ts";

const args = {
  kernel: { type: "string" },
  headers: { type: "string" },
  module: { type: "string" },
  arch: { type: "string" },
  reference: { type: "string" },
  "include-deps": { type: "boolean" },
  json: { type: "boolean" },
} as const;

export async function checkCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseStrict("check", argv, args);
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
  const findings = result.findings.map((f) => ({ file: f.file, line: f.line, column: f.column, symbol: f.symbol, syscall: f.syscall, arch: f.arch, since: f.since ?? null, kind: f.kind }));
  if (parsed.json === true) {
    io.stdout.write(`${JSON.stringify({ target: target.label, findings }, null, 2)}\n`);
  } else {
    for (const f of findings) {
      io.stdout.write(`${f.file}:${f.line}:${f.column}: ${f.symbol}: ${f.syscall} is not in ${target.label} (${f.arch}${f.since === null ? "" : `; Linux ${f.since}`}): \`xsysgen apply\` fixes the build; the call gets ENOSYS on that kernel\n`);
    }
    io.stdout.write(`${findings.length} finding${findings.length === 1 ? "" : "s"} in ${result.files.length} files for ${target.label} (${target.served.join(", ")})\n`);
  }
  return findings.length > 0 ? 1 : 0;
}

// A strict TypeScript consumer of the published package: the install test type-checks it with
// the TypeScript installed beside it (noEmit) against the shipped dist/index.d.ts (strict,
// noUncheckedIndexedAccess, exactOptionalPropertyTypes, no skipLibCheck).
import {
  UsageError,
  XsysgenError,
  check,
  diff,
  generate,
  getTable,
  kernels,
  resolveArch,
  show,
  type CheckDocument,
  type DiffResult,
  type ErrorCode,
  type GenerateResult,
  type KernelsDocument,
  type ShowDocument,
  type SyscallTable,
  type TargetName,
} from "xsysgen";

const target: TargetName = resolveArch("x86_64") ?? "amd64";
const table: SyscallTable = getTable("3.10.0", target);
const listing: KernelsDocument = kernels({ filter: "rhel9", arch: ["aarch64"] });
const statx: ShowDocument = show("SYS_STATX", { arch: "amd64,arm64" });

/** The files `gen --kernel <kernel> --arch amd64` writes, in memory. */
export async function filesOf(kernel: string): Promise<ReadonlyMap<string, string>> {
  const result: GenerateResult = await generate({ kernel, arch: [target], read: { decompressors: "auto" } });
  return new Map(result.files.map((f) => [f.path, f.contents]));
}

/** What a Go module uses that CentOS 7.9 lacks, unhandled. */
export async function unhandled(module: string): Promise<number> {
  const result: CheckDocument = await check({ kernel: "centos7", module, env: process.env });
  return result.findings.filter((f) => !f.handled && f.failsAt === "runtime").length + result.unhandled;
}

/** The syscalls amd64 gained from 3.10 to 6.1, as Markdown. */
export async function changes(): Promise<string> {
  const result: DiffResult = await diff({ sides: ["3.10", "6.1"], arch: "amd64", format: "markdown" });
  return result.changed ? result.output : "";
}

/** The stable code of an xsysgen error, or undefined for anything else. */
export function codeOf(error: unknown): ErrorCode | undefined {
  if (error instanceof UsageError) return "E_USAGE";
  return error instanceof XsysgenError ? error.code : undefined;
}

export const summary = [table.entries.length, listing.distros.length, statx.arches.length].map(String).join(" ");

// @ts-expect-error: a target is one of the known arch names, not any string
getTable("3.10.0", "amd65");

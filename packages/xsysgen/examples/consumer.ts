// A strict TypeScript consumer of the published package: the install test type-checks it with
// `tsc --noEmit` against the shipped dist/index.d.ts (strict, noUncheckedIndexedAccess,
// exactOptionalPropertyTypes, no skipLibCheck).
import {
  UsageError,
  XsysgenError,
  getTable,
  listKernels,
  parseBundle,
  readHeaderBundle,
  renderFallbackHeader,
  renderZsysnumGo,
  showSyscall,
  type ErrorCode,
  type KernelListing,
  type ShowResult,
  type SyscallTable,
  type TargetName,
} from "xsysgen";

const target: TargetName = "amd64";
const table: SyscallTable = getTable("3.10.0", target);
const listing: KernelListing = listKernels();
const statx: ShowResult = showSyscall("statx", [target]);
const go: string = renderZsysnumGo(table, { command: "xsysgen gen --kernel 3.10.0 --exact" });
const header: string = renderFallbackHeader({
  command: "example",
  targetLabel: "3.10",
  referenceLabel: "7.1",
  arches: [],
});

/** Every table a headers directory, file or archive serves. */
export async function tablesOf(path: string): Promise<readonly SyscallTable[]> {
  const parsed = await parseBundle(await readHeaderBundle(path, { decompressors: "auto" }));
  return parsed.tables;
}

/** The stable code of an xsysgen error, or undefined for anything else. */
export function codeOf(error: unknown): ErrorCode | undefined {
  if (error instanceof UsageError) return "E_USAGE";
  return error instanceof XsysgenError ? error.code : undefined;
}

export const summary = [table.entries.length, listing.vanilla.length, statx.arches.length, go.length, header.length]
  .map(String)
  .join(" ");

// @ts-expect-error: a target is one of the known arch names, not any string
getTable("3.10.0", "amd65");

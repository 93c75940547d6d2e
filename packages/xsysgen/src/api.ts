/**
 * The `xsysgen` package's API: one call per command, taking the command's options (arches by name or
 * alias, as the command line takes them) and returning what its `--json` prints, plus the one-line
 * `notes` the command prints on stderr:
 *
 * - {@link generate}: `gen`'s files as `{ path, contents }`, written to `out` when given;
 * - {@link diff}, {@link show}, {@link kernels}: the registry and header sets compared and listed;
 * - {@link check}, {@link apply}, {@link revert}: a Go module checked, patched, and restored.
 *
 * The API reads no environment variable and no machine state: pass `env` (the environment `go`
 * runs in), `read` (the reader's budgets and decompressors) and `host` (what `kernel: "host"`
 * means) yourself. Errors are {@link XsysgenError} subclasses with a stable `code`. Everything here
 * is covered by the version policy in CHANGELOG.md; nothing else in the package is public.
 *
 * scripts/release-pack.ts bundles this file into `dist/index.mjs` and its types into `dist/index.d.ts`.
 *
 * @packageDocumentation
 */

// One call per verb.
export { generate } from "./generate.ts";
export type { GenerateOptions, GenerateResult, GeneratedFile } from "./generate.ts";
export { diff, diffFormats } from "./diff.ts";
export type { DiffOptions, DiffResult, DiffArch, DiffFormat } from "./diff.ts";
export { show, kernels } from "./listing.ts";
export type { ShowOptions, ShowDocument, KernelsOptions, KernelsDocument } from "./listing.ts";
export { check } from "./check.ts";
export type { CheckOptions, CheckDocument, CheckFinding } from "./check.ts";
export { apply, revert } from "./apply.ts";
export type { ApplyOptions, ApplyDocument, ApplyBuild, ApplyVet, RevertOptions, RevertDocument } from "./apply.ts";
export type { ArchSpec, HostMachine, TargetOptions } from "./options.ts";
export type { KernelJson } from "./kernel-json.ts";
export { SCHEMA_VERSION } from "./schema-version.ts";

// Errors, and the arches xsysgen knows (@xsysgen/core).
export {
  CommandError,
  ConflictError,
  InputError,
  InternalError,
  ModuleError,
  ParseError,
  UnknownKernelError,
  UsageError,
  XsysgenError,
  targets,
  findTarget,
  resolveArch,
} from "@xsysgen/core";
export type { ErrorCode, SyscallEntry, SyscallAlias, SyscallTable, Target, TargetName } from "@xsysgen/core";

// The registry's tables and kernels, for tooling that works with tables itself (@xsysgen/kernels).
export { allSeries, getTable, newestKernel, resolveKernel } from "@xsysgen/kernels";
export type {
  KernelRef,
  KernelListing,
  ShowResult,
  ShowArch,
  ShowDistro,
  SinceEvidence,
  SinceInfo,
} from "@xsysgen/kernels";

// Reading inputs: the options `read` takes (@xsysgen/reader).
export { decompressorChoices } from "@xsysgen/reader";
export type { ReadOptions, DecompressorChoice } from "@xsysgen/reader";
export type { GoEnv } from "@xsysgen/writer";

/**
 * The `xsysgen` package's API: what build tooling imports (`import { getTable } from "xsysgen"`).
 * It re-exports, by name, the public functions and types of the workspace packages; everything
 * listed here is covered by the version policy in CHANGELOG.md, anything else is internal.
 * scripts/release-pack.ts bundles this file into `dist/index.mjs` and its types into
 * `dist/index.d.ts`.
 *
 * Left out on purpose: the tree-sitter plumbing (`treeSitterParser`, `preprocess`, `scanGo`,
 * `scanC`), whose signatures carry web-tree-sitter types the package bundles rather than depends on.
 *
 * @packageDocumentation
 */

// Errors, targets and the syscall table model (@xsysgen/core).
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
  oneLineMessage,
  targets,
  targetNames,
  goTargets,
  findTarget,
} from "@xsysgen/core";
export type {
  ErrorCode,
  SyscallEntry,
  SyscallAlias,
  SyscallTable,
  UndefEntry,
  Target,
  TargetName,
  LinuxArch,
  TblSource,
} from "@xsysgen/core";

// Parsing headers and syscall tables (@xsysgen/parser).
export {
  isRelevantPath,
  parseBundle,
  parseUnistdHeader,
  parseSyscallTbl,
  selectTblEntries,
  tblTable,
  ignoredSyscallMacros,
  versionFromMakefile,
} from "@xsysgen/parser";
export type { HeaderBundle, ParsedBundle, ParseBundleOptions, TblRow, TblSelection } from "@xsysgen/parser";

// Reading headers from directories, files and archives (@xsysgen/reader).
export { readHeaderBundle, defaultMaxEntryBytes, defaultMaxTotalBytes, debianUpstreamVersion } from "@xsysgen/reader";
export type { ReadOptions, DecompressorChoice } from "@xsysgen/reader";

// The embedded kernel registry (@xsysgen/kernels).
export {
  newestKernel,
  resolveKernel,
  getTable,
  kernelTargets,
  describeCell,
  sinceOf,
  listKernels,
  showSyscall,
  allSeries,
  compareSeries,
  formatSpan,
} from "@xsysgen/kernels";
export type {
  CellInfo,
  SinceEvidence,
  KernelRef,
  ResolveOptions,
  KernelListing,
  ShowArch,
  ShowDistro,
  ShowResult,
  SinceInfo,
  DistroBuild,
  DistroChange,
  RegistryData,
  RegistryRecord,
  RhelMajor,
  RhelMinor,
  Snapshot,
  Span,
  TargetRegistry,
} from "@xsysgen/kernels";

// Rendering: zsysnum Go files, the C fallback header, JSON, diffs (@xsysgen/generator).
export {
  detectHeaderEra,
  upstreamCommand,
  buildLines,
  headerEras,
  modernEra,
  era2014,
  era2015,
  era2017,
  era2018,
  era2021,
  era2022,
  readZsysnumGo,
  renderZsysnumGo,
  mergeForPatch,
  mksysnumConstants,
  sysName,
  cNames,
  missingSyscalls,
  renderFallbackHeader,
  fallbackGuard,
  renderAsmUnistdWrapper,
  renderSyscallsJson,
  syscallRows,
  renderInstalledUnistdHeaders,
  diffTables,
  isEmptyDiff,
  archKey,
  renderDiffText,
  renderDiffMarkdown,
  renderDiffJson,
  renderAvailabilityHtml,
} from "@xsysgen/generator";
export type {
  HeaderEra,
  BuildLines,
  ZsysnumGo,
  ZsysnumConstant,
  RenderZsysnumOptions,
  MergeForPatchOptions,
  MergedForPatch,
  SysConstant,
  NumberedName,
  Prefer,
  MissingOptions,
  FallbackInput,
  FallbackArch,
  FallbackSyscall,
  SyscallRow,
  SyscallsJsonArch,
  SyscallsJsonInput,
  SyscallRowsOptions,
  DiffEntry,
  DiffReport,
  SinceLookup,
  TableDiff,
  AvailabilityColumn,
  AvailabilityOptions,
} from "@xsysgen/generator";

// Go modules: apply, revert, check (@xsysgen/writer).
export {
  applyPatch,
  verifyBuild,
  revertPatch,
  findXsys,
  zsysnumFiles,
  DEFAULT_DEST,
  cgoCflags,
  resolveDest,
  MANIFEST_NAME,
  BACKUP_DIR,
  readManifest,
  JOURNAL_NAME,
  STAGE_NAME,
  recoverTransaction,
  renderUnifiedDiff,
  checkModule,
  renderFindingLine,
  renderArchGroups,
  readModuleXsys,
  readStdSyscall,
  goFileAllows,
  buildExprAllows,
  fileNameAllows,
  lacksFromTables,
} from "@xsysgen/writer";
export type {
  ApplyOptions,
  ApplyResult,
  BuildReport,
  VerifiedBuild,
  RevertOptions,
  RevertResult,
  XsysLocation,
  FindOptions,
  Manifest,
  ManifestInfo,
  ModuleFileChange,
  GoEnv,
  CheckOptions,
  CheckResult,
  FailsAt,
  Finding,
  Fix,
  Lack,
  SyscallPackage,
  WrapperCall,
  WrapperCalls,
  SymbolUse,
} from "@xsysgen/writer";

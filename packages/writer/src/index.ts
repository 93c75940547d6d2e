/**
 * @xsysgen/writer: applies generated golang.org/x/sys files to Go modules (apply, revert) and
 * finds what in a module fails on a target kernel, at compile time or at run time (check).
 */
export { applyPatch, verifyBuild } from "./apply.ts";
export type { ApplyOptions, ApplyResult, BuildReport, VerifiedBuild } from "./apply.ts";
export { revertPatch } from "./revert.ts";
export type { RevertOptions, RevertResult } from "./revert.ts";
export { findXsys, zsysnumFiles } from "./locate.ts";
export type { XsysLocation, FindOptions } from "./locate.ts";
export { DEFAULT_DEST, cgoCflags, resolveDest } from "./dest.ts";
export { MANIFEST_NAME, BACKUP_DIR, readManifest } from "./manifest.ts";
export type { Manifest, ManifestInfo, ModuleFileChange } from "./manifest.ts";
export { JOURNAL_NAME, STAGE_NAME, recoverTransaction } from "./txn.ts";
export { renderUnifiedDiff } from "./diff.ts";
export type { GoEnv } from "./go.ts";
export { checkModule } from "./check/check.ts";
export { goFileAllows, buildExprAllows, fileNameAllows } from "./check/constraints.ts";
export type { CheckOptions, CheckResult, FailsAt, Finding, Fix, Lack } from "./check/check.ts";
export { renderArchGroups, renderFindingLine } from "./check/render.ts";
export { scanGo, scanC, goScanQuery } from "./check/scan.ts";
export type { GoScan, MemberUse, SymbolUse } from "./check/scan.ts";
export { scanCText } from "./check/cscan.ts";
export { lacksFromTables } from "./check/lacks.ts";
export { readModuleXsys, readStdSyscall } from "./check/packages.ts";
export type { SyscallPackage } from "./check/packages.ts";
export type { WrapperCall, WrapperCalls } from "./check/wrappers.ts";

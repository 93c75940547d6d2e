export * from "./errors.ts";
export { isErrnoError, renderErrno, renderErrnoAt } from "./errno.ts";
export type { ErrnoError } from "./errno.ts";
export type { SyscallEntry, SyscallAlias, SyscallTable, UndefEntry } from "./table.ts";
export {
  targets,
  targetNames,
  goTargets,
  findTarget,
  resolveArch,
  archWords,
  debianCrossPackage,
  asmGenericInstalledHeader,
  zsysnumFileName,
  goarchOfZsysnumFile,
} from "./targets.ts";
export type { Target, TargetName, LinuxArch, TblSource } from "./targets.ts";
export { closestMatch, didYouMean, editDistance } from "./suggest.ts";

export { cDefines, cNames, missingSyscalls } from "./names.ts";
export type { NumberedName, Prefer, MissingOptions } from "./names.ts";
export { renderFallbackHeader, fallbackGuard } from "./header.ts";
export type { FallbackInput, FallbackArch, FallbackSyscall } from "./header.ts";
export { renderAsmUnistdWrapper } from "./wrapper.ts";
export { renderSyscallsJson, syscallRows } from "./json.ts";
export type { SyscallRow, SyscallsJsonArch, SyscallsJsonInput, SyscallRowsOptions } from "./json.ts";
export { renderInstalledUnistdHeaders } from "./installed.ts";

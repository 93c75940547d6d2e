/** golang.org/x/sys `zsysnum_linux_<goarch>.go` files: reading, header eras, rendering, patch merging. */
export {
  detectHeaderEra,
  upstreamCommand,
  buildLines,
  headerEras,
  modernEra,
  patchedEra,
  era2014,
  era2015,
  era2017,
  era2018,
  era2021,
  era2022,
} from "./era.ts";
export type { HeaderEra, BuildLines } from "./era.ts";
export { readZsysnumGo } from "./read.ts";
export type { ZsysnumGo, ZsysnumConstant } from "./read.ts";
export { renderZsysnumGo } from "./render.ts";
export type { RenderZsysnumOptions } from "./render.ts";
export { mergeForPatch } from "./merge.ts";
export type { MergeForPatchOptions, MergedForPatch } from "./merge.ts";
export { appendedByMksysnum, entryName, mksysnumConstants, mksysnumPrints, printedNumber, sysName } from "./rules.ts";
export type { SysConstant } from "./rules.ts";

/**
 * @xsysgen/reader: the only package that opens inputs (directories, headers, tables, tarballs,
 * .deb, .rpm) and hands the parser a HeaderBundle.
 */
export { readHeaderBundle } from "./read.ts";
export type { ReadOptions, DecompressorChoice } from "./context.ts";
export { decompressorChoices, defaultMaxEntryBytes, defaultMaxTotalBytes } from "./context.ts";
export { debianUpstreamVersion } from "./deb.ts";

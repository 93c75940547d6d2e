/** The `--exact` files of `gen`: x/sys zsysnum files exactly as mksysnum prints them, nothing else. */
import { findTarget, zsysnumFileName } from "@xsysgen/core";
import { renderZsysnumGo, type HeaderEra } from "@xsysgen/generator";
import type { LoadedSource } from "./sources.ts";

export function renderExactFiles(
  source: LoadedSource,
  options: { command: string; era: HeaderEra },
): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, table] of source.tables) {
    const goarch = findTarget(name)?.goarch;
    if (goarch === undefined) continue;
    files.set(zsysnumFileName(goarch), renderZsysnumGo(table, { command: options.command, era: options.era }));
  }
  return files;
}

/**
 * `pnpm regen:registry [--sources <kernel-data dir>]`: the registry's inputs — kernel-data (default
 * ../shared/kernel-data beside the repository) and the Debian packages and golang.org/x/sys modules it
 * downloads into .cache/registry — → normalized TSV files and pins.tsv in packages/kernels/data/registry
 * → packages/kernels/src/registry.generated.ts (via ts-morph). `buildRegistryFiles()` does it in memory;
 * the reproduction test compares that with the committed files wherever the kernel-data exists.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { targetNames } from "../packages/core/src/index.ts";
import { buildDistros } from "./registry/distros.ts";
import { takePins, useKernelData } from "./registry/inputs.ts";
import { renderRegistryModule } from "./registry/module.ts";
import { buildTargets } from "./registry/observe.ts";
import { dataDir } from "./registry/snapshots.ts";
import { coverageSummary } from "./registry/summary.ts";
import {
  coverageTsv,
  deltasTsv,
  distrosTsv,
  pinsTsv,
  registryFromTsv,
  renamesTsv,
  rhelTsv,
  targetsFromTsv,
  targetTsv,
} from "./registry/tsv.ts";

export const registryDataDir = join(dataDir, "registry");
export const registryModulePath = join(
  import.meta.dirname,
  "..",
  "packages",
  "kernels",
  "src",
  "registry.generated.ts",
);

/** Every generated file: absolute path → content. */
export async function buildRegistryFiles(): Promise<Map<string, string>> {
  takePins();
  const regs = await buildTargets();
  const tsv = new Map<string, string>();
  for (const reg of regs) tsv.set(`${reg.target}.tsv`, targetTsv(reg));
  tsv.set("coverage.tsv", coverageTsv(regs));
  tsv.set("renames.tsv", renamesTsv(regs));
  // RHEL builds are stored as changes over the vanilla tables exactly as the runtime reads them back.
  const rhel = await buildDistros(targetsFromTsv(tsv, targetNames));
  tsv.set("distros.tsv", distrosTsv(rhel.distros));
  tsv.set("distro-deltas.tsv", deltasTsv(rhel.distros));
  tsv.set("rhel-releases.tsv", rhelTsv(rhel.rhelMajors, rhel.rhelMinors));
  // The module is made from the TSV text, so the TSV files are the single source of the registry.
  const data = registryFromTsv(tsv, targetNames);
  const files = new Map([...tsv].map(([name, text]) => [join(registryDataDir, name), text] as const));
  files.set(join(registryDataDir, "pins.tsv"), pinsTsv(takePins()));
  files.set(registryModulePath, renderRegistryModule(data));
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { sources: { type: "string" } } });
  if (values.sources !== undefined) useKernelData(values.sources);
  const files = await buildRegistryFiles();
  mkdirSync(registryDataDir, { recursive: true });
  for (const [path, text] of files) writeFileSync(path, text);
  console.log(`wrote ${files.size} files`);
  console.log(
    coverageSummary(
      registryFromTsv(
        new Map([...files].filter(([p]) => p.endsWith(".tsv")).map(([p, t]) => [basename(p), t] as const)),
        targetNames,
      ),
    ),
  );
}

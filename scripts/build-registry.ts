/**
 * `pnpm regen:registry [--sources <kernel-data dir>]`: the registry's inputs — kernel-data (default
 * ../shared/kernel-data beside the repository) and the registry packages scripts/registry/inputs.tsv
 * names (Debian header packages, golang.org/x/sys modules, PyPI system-calls wheels, crates), downloaded
 * into .cache/registry — → packages/kernels/data/registry.json (the data the kernels package ships and
 * reads at run time), registry/renames.tsv and registry/pins.tsv. `buildRegistryFiles()` does it in
 * memory; the reproduction test compares that with the committed files wherever the kernel-data exists.
 * `--check-upstream` asks the registries what inputs.tsv does not pin yet (scripts/registry/upstream.ts).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { buildDistros } from "./registry/distros.ts";
import { takePins, useKernelData } from "./registry/inputs.ts";
import { useInputSeries } from "./registry/input-table.ts";
import { buildTargets } from "./registry/observe.ts";
import { coverageFiles } from "./registry/readme-coverage.ts";
import { checkUpstream, renderUpstream, upstreamExitCode } from "./registry/upstream.ts";
import { listIn } from "../packages/kernels/src/show.ts";
import { newestSeries } from "../packages/kernels/src/series.ts";
import { dataDir, kernelDataSeries } from "./registry/snapshots.ts";
import { coverageSummary } from "./registry/summary.ts";
import { pinsTsv, readBack, registryDocument, registryJson, renamesTsv, vanillaDocument } from "./registry/tsv.ts";

export const registryDataDir = join(dataDir, "registry");
export const registryJsonPath = join(dataDir, "registry.json");

/** Every generated file: absolute path → content. */
export async function buildRegistryFiles(): Promise<Map<string, string>> {
  takePins();
  // The series list the data speaks of comes from the inputs (a new release is a new row there).
  useInputSeries(kernelDataSeries());
  const regs = await buildTargets();
  const vanilla = vanillaDocument(regs);
  // RHEL builds are stored as changes over the vanilla tables exactly as the runtime reads them back.
  const rhel = await buildDistros(readBack(vanilla).targets);
  const doc = registryDocument(vanilla, rhel);
  const files = new Map<string, string>();
  files.set(registryJsonPath, registryJson(doc));
  files.set(join(registryDataDir, "renames.tsv"), renamesTsv(regs));
  files.set(join(registryDataDir, "pins.tsv"), pinsTsv(takePins()));
  // The READMEs' coverage statements, from the registry just built (listIn reads it as the runtime does).
  for (const [path, text] of coverageFiles(listIn(readBack(doc), newestSeries))) files.set(path, text);
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { sources: { type: "string" }, "check-upstream": { type: "boolean" } } });
  if (values["check-upstream"] === true) {
    // The registry's newest release is the shipped data's (what `pnpm regen` last wrote).
    const report = checkUpstream();
    process.stdout.write(renderUpstream(report, newestSeries));
    process.exit(upstreamExitCode(report, newestSeries));
  }
  if (values.sources !== undefined) useKernelData(values.sources);
  const files = await buildRegistryFiles();
  mkdirSync(registryDataDir, { recursive: true });
  for (const [path, text] of files) writeFileSync(path, text);
  console.log(`wrote ${files.size} files`);
  console.log(coverageSummary(readBack(JSON.parse(files.get(registryJsonPath) as string))));
}

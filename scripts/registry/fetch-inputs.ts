/**
 * Downloads every package scripts/registry/inputs.tsv pins into .cache/registry — Debian header
 * packages, golang.org/x/sys modules, PyPI wheels, crates — through the readers the registry build
 * itself uses (each fetches on first use and checks the pin), so that install.sh fills the cache and
 * the reproduction test spends its time rebuilding, not downloading (~820 MB: 2–3 minutes here).
 */
import { readCrateFiles, readUndatedCrates } from "./crates.ts";
import { debianSuites, packageDir } from "./debian-sources.ts";
import { debianFiles } from "./fetch-debian.ts";
import { inputRows } from "./input-table.ts";
import { readPypiFiles } from "./pypi.ts";
import { readXsysFiles } from "./xsys.ts";

/** Fetches what is missing; returns how many rows inputs.tsv has (all now in the cache). */
export async function fetchRegistryInputs(): Promise<number> {
  for (const suite of debianSuites) for (const p of suite.packages) debianFiles(`${suite.dir}/${packageDir(p)}`);
  await readXsysFiles();
  readPypiFiles();
  await readCrateFiles();
  await readUndatedCrates();
  return inputRows().length;
}

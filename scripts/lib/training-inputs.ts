/**
 * The inputs scripts/build-bin.ts trains the bin's V8 code cache on, written into `dir` from the
 * registry (nothing downloaded: a fresh clone builds the bin before fetching test inputs): the
 * registry's paths (`gen --kernel … --arch all`, a diff) and one installed header as Linux 6.1's
 * `make headers_install` writes it, the parser's and generator's common path.
 *
 * Fewer is faster here: V8 deserializes the whole cache at start-up, and training also on a tree,
 * a .deb and an .rpm (952 KB of cache instead of 784 KB) made `gen --kernel 3.10.0 --arch all`
 * ~4 ms slower without making the .rpm and .deb rows measurably faster (BENCHMARKS.md).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { findTarget } from "../../packages/core/src/index.ts";
import { renderInstalledUnistdHeaders } from "../../packages/generator/src/index.ts";
import { getTable } from "../../packages/kernels/src/index.ts";

const kernel = "6.1";

/** Writes the inputs under `dir`; returns the xsysgen command lines to train on, outputs under `dir` too. */
export function writeTrainingInputs(dir: string): string[][] {
  const installed = findTarget("amd64")?.installedHeader;
  if (installed === undefined) throw new Error("amd64 has no installed per-ABI header in the targets table");
  const header = join(dir, "include", "asm", installed);
  mkdirSync(join(header, ".."), { recursive: true });
  const text = renderInstalledUnistdHeaders(getTable(kernel, "amd64")).get(`asm/${installed}`);
  if (text === undefined) throw new Error(`renderInstalledUnistdHeaders wrote no asm/${installed}`);
  writeFileSync(header, text);

  const out = (name: string): string => join(dir, "out", name);
  return [
    ["gen", "--kernel", "3.10.0", "--arch", "all", "--out", out("kernel")],
    ["diff", "3.10", kernel, "--arch", "all", "--format", "json", "--out", out("diff.json")],
    ["gen", "--headers", header, "--exact", "--out", out("header")],
  ];
}

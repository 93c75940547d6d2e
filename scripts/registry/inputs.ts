/**
 * Where the registry's inputs are read from, and the pin of every file read.
 *
 * - `kernel-data`: the directory given by `--sources <dir>` (default `../shared/kernel-data` beside the
 *   repository; see its PROVENANCE.md). Only the registry build and its reproduction test read it.
 * - `.cache/registry/`: the packages of scripts/registry/inputs.tsv, downloaded by the build itself (Debian
 *   header packages with apt-get, golang.org/x/sys with `go mod download`, PyPI `system-calls` with pip,
 *   crates from crates.io's static host), each checked against its pin there.
 *
 * Every file read goes through `readInput`, which records its sha256: the build writes those
 * records as `data/registry/pins.tsv`, so the committed tables name exactly what they came from.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";

export const repoRoot = resolve(import.meta.dirname, "..", "..");
export const registryCache = join(repoRoot, ".cache", "registry");

let kernelDataDir = resolve(repoRoot, "..", "shared", "kernel-data");

/** `--sources <dir>`: the kernel-data directory. */
export function useKernelData(dir: string): void {
  kernelDataDir = resolve(dir);
}

export function kernelDataRoot(): string {
  return kernelDataDir;
}

class MissingInputError extends Error {}

/** One pinned input: where it comes from, what it is, its sha256. */
export interface Pin {
  readonly source: "kernel-data" | "debian" | "go" | "pypi" | "crate";
  readonly id: string;
  readonly sha256: string;
}

const pins = new Map<string, Pin>();

export function addPin(pin: Pin): void {
  pins.set(`${pin.source}\t${pin.id}`, pin);
}

export function takePins(): Pin[] {
  const out = [...pins.values()].sort((a, b) =>
    a.source === b.source ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.source < b.source ? -1 : 1,
  );
  pins.clear();
  return out;
}

export const sha256 = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");

/** A kernel-data file, by its path inside kernel-data (pinned by path and sha256). */
export function readKernelData(path: string): string {
  const abs = join(kernelDataDir, path);
  if (!existsSync(abs))
    throw new MissingInputError(`${abs}: missing (the registry's kernel data; pass --sources <dir>)`);
  const data = readFileSync(abs);
  addPin({ source: "kernel-data", id: path, sha256: sha256(data) });
  return data.toString("utf8");
}

/** Files under a kernel-data directory (paths relative to it), optionally only those `keep` accepts. */
export function kernelDataFiles(dir: string, keep: (rel: string) => boolean = () => true): Map<string, string> {
  const root = join(kernelDataDir, dir);
  if (!existsSync(root))
    throw new MissingInputError(`${root}: missing (the registry's kernel data; pass --sources <dir>)`);
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const rel = relative(root, p);
        if (keep(rel)) files.set(rel, readKernelData(join(dir, rel)));
      }
    }
  };
  walk(root);
  return files;
}

/** Names of the directories in a kernel-data directory, sorted (names only: nothing is read or pinned). */
export function kernelDataDirs(dir: string): string[] {
  const root = join(kernelDataDir, dir);
  if (!existsSync(root))
    throw new MissingInputError(`${root}: missing (the registry's kernel data; pass --sources <dir>)`);
  return readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory())
    .sort();
}

export function kernelDataHas(path: string): boolean {
  return existsSync(join(kernelDataDir, path));
}

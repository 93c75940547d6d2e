/**
 * The manifest an apply leaves inside the patched copy (`<dest>/.xsysgen-manifest.json`), with the
 * original bytes of every module file it changed under `<dest>/.xsysgen-backup/`. It holds no
 * timestamps and no absolute paths, so the same inputs give the same bytes (re-apply is a no-op)
 * and the module can move between machines.
 */
import { join } from "node:path";
import { ModuleError } from "@xsysgen/core";
import { readIfExists } from "./io.ts";

/** File name of the manifest `apply` writes into the patched copy. */
export const MANIFEST_NAME = ".xsysgen-manifest.json";
/** Directory in the patched copy holding the module files `apply` changed, as they were. */
export const BACKUP_DIR = ".xsysgen-backup";

/** What the caller records about the patch; `target` and `reference` are required, the rest free. */
export interface ManifestInfo {
  readonly target: string;
  readonly reference: string;
  readonly command?: string;
  readonly [key: string]: unknown;
}

/** A module file (outside the copy) that apply changed. Hashes are sha256; null = absent. */
export interface ModuleFileChange {
  readonly before: string | null;
  readonly after: string | null;
  /** Mode bits of the original, restored by revert. */
  readonly mode?: number;
  /** Where the original bytes are, relative to the copy. */
  readonly backup?: string;
}

/** The record `apply` keeps in the patched copy, from which `apply --revert` restores the module byte for byte. */
export interface Manifest {
  readonly tool: "xsysgen";
  readonly format: 1;
  readonly xsysVersion: string;
  readonly source: "vendor" | "modcache";
  /** The copy, relative to the module root, '/'-separated. */
  readonly dest: string;
  readonly replace: string;
  readonly info: ManifestInfo;
  /** Module-relative path → change, for go.mod, go.sum and vendor files. */
  readonly module: Readonly<Record<string, ModuleFileChange>>;
  /** Files of the copy that differ from golang.org/x/sys (patched or created): path → before/after hash. */
  readonly patched: Readonly<Record<string, { readonly before: string | null; readonly after: string }>>;
  /** Every file of the copy except this manifest: path → sha256. */
  readonly files: Readonly<Record<string, string>>;
  /**
   * Directories apply created — above the copy, and parents of the module files it wrote — sorted;
   * revert removes them when empty.
   */
  readonly createdDirs: readonly string[];
}

/** Stable JSON: sorted object keys, two-space indent, final newline. */
export function renderManifest(m: Manifest): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v !== null && typeof v === "object") {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return `${JSON.stringify(sortKeys(m), null, 2)}\n`;
}

/** The manifest {@link applyPatch} left in a patched x/sys copy, or undefined when there is none. */
export async function readManifest(copyDir: string): Promise<Manifest | undefined> {
  const path = join(copyDir, MANIFEST_NAME);
  const data = await readIfExists(path);
  if (data === undefined) return undefined;
  let m: Manifest;
  try {
    m = JSON.parse(data.toString("utf8")) as Manifest;
  } catch {
    throw new ModuleError(`${path}: unreadable xsysgen manifest (expected JSON)`);
  }
  if (m === null || typeof m !== "object" || m.tool !== "xsysgen" || m.format !== 1)
    throw new ModuleError(`${path}: not an xsysgen manifest of format 1`);
  // The manifest lives in the module, so it is as untrusted as the module: check its shape before
  // apply or revert act on what it names (paths are then checked to stay inside the module).
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === "object" && !Array.isArray(v);
  const changes = isRecord(m.module) ? Object.values(m.module) : undefined;
  const ok =
    typeof m.dest === "string" &&
    changes !== undefined &&
    changes.every((c) => isRecord(c) && (c.backup === undefined || typeof c.backup === "string")) &&
    Array.isArray(m.createdDirs) &&
    m.createdDirs.every((d) => typeof d === "string") &&
    isRecord(m.files) &&
    isRecord(m.patched);
  if (!ok)
    throw new ModuleError(
      `${path}: malformed xsysgen manifest (dest, module, files, patched or createdDirs of the wrong type)`,
    );
  return m;
}

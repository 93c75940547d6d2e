/**
 * `apply --revert`: puts back go.mod, go.sum and vendor/ byte-for-byte from the copy's backups and
 * removes the copy, as one transaction under the module lock. It refuses when a file apply wrote
 * was edited since, since the restore would silently discard that edit, and when the manifest (a
 * file in the module, as untrusted as the module) names a path outside the module.
 */
import { join, resolve } from "node:path";
import { ModuleError } from "@xsysgen/core";
import { resolveDest } from "./dest.ts";
import { runGo, type GoEnv, type GoModJson } from "./go.ts";
import { assertInside } from "./inside.ts";
import { exists, listFiles, readIfExists, sha256 } from "./io.ts";
import { LOCK_NAME, withModuleLock } from "./lock.ts";
import { MANIFEST_NAME, readManifest, type Manifest } from "./manifest.ts";
import { JOURNAL_NAME, recoverTransaction, runTransaction, STAGE_NAME, type PlannedOp } from "./txn.ts";
import { XSYS } from "./vendor.ts";

/** What {@link revertPatch} restored or removed. */
export interface RevertResult {
  readonly moduleDir: string;
  readonly dest: string;
  /** Module-relative paths restored or deleted, and the removed copy. */
  readonly changedFiles: readonly string[];
  readonly recovered: "finished" | "discarded" | undefined;
}

/** Options of {@link revertPatch}. */
export interface RevertOptions {
  /** The environment `go mod edit` runs in (default: this process's, as Node gives any child process). */
  readonly env?: GoEnv;
  /** How long to wait for another apply or revert holding the module lock, in seconds (default 600). */
  readonly lockWaitSeconds?: number;
}

async function findManifest(root: string, env: GoEnv | undefined): Promise<Manifest> {
  const r = await runGo(["mod", "edit", "-json"], root, env);
  if (r.code !== 0) throw new ModuleError(`${join(root, "go.mod")}: unreadable (${r.stderr.trim().split("\n")[0]})`);
  const rep = ((JSON.parse(r.stdout) as GoModJson).Replace ?? []).find((x) => x.Old.Path === XSYS);
  if (rep === undefined)
    throw new ModuleError(`${root}: not patched by xsysgen (no replace ${XSYS} => <copy with ${MANIFEST_NAME}>)`);
  // resolveDest refuses a replace target outside the module before anything is read there.
  const copy = resolveDest(root, rep.New.Path);
  await assertInside(root, [copy]);
  const manifest = await readManifest(resolve(root, copy));
  if (manifest === undefined)
    throw new ModuleError(`${root}: not patched by xsysgen (no replace ${XSYS} => <copy with ${MANIFEST_NAME}>)`);
  if (manifest.dest !== copy)
    throw new ModuleError(
      `${join(copy, MANIFEST_NAME)}: records the copy at ${String(manifest.dest)}, ` +
        `but go.mod replaces ${XSYS} with ./${copy}; refusing to revert`,
    );
  return manifest;
}

/** Undoes {@link applyPatch} in a Go module, restoring every file it changed byte for byte. */
export async function revertPatch(moduleDir: string, options: RevertOptions = {}): Promise<RevertResult> {
  const root = resolve(moduleDir);
  if (!(await exists(join(root, "go.mod"))))
    throw new ModuleError(`${root}: no go.mod (expected the root of a Go module)`);
  await assertInside(root, [LOCK_NAME, JOURNAL_NAME, STAGE_NAME, "go.mod", "go.sum"]);
  return withModuleLock(root, "apply --revert", options.lockWaitSeconds, () => revertLocked(root, options));
}

async function revertLocked(root: string, options: RevertOptions): Promise<RevertResult> {
  const recovered = await recoverTransaction(root);
  let manifest: Manifest;
  try {
    manifest = await findManifest(root, options.env);
  } catch (e) {
    // The interrupted run this call just finished was itself a revert: nothing is left to do.
    if (recovered === "finished" && e instanceof ModuleError)
      return { moduleDir: root, dest: "", changedFiles: [], recovered };
    throw e;
  }
  const destAbs = join(root, manifest.dest);
  const backups = Object.values(manifest.module).flatMap((ch) =>
    ch.backup === undefined ? [] : [`${manifest.dest}/${ch.backup}`],
  );
  await assertInside(root, [...Object.keys(manifest.module), ...backups, ...manifest.createdDirs]);
  const ops: PlannedOp[] = [];
  const changedFiles: string[] = [];
  for (const [path, ch] of Object.entries(manifest.module).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const cur = await readIfExists(join(root, path));
    const curHash = cur === undefined ? null : sha256(cur);
    if (curHash !== ch.after) {
      throw new ModuleError(
        `${path}: changed since xsysgen apply ` +
          `(sha256 ${curHash ?? "absent"}, expected ${ch.after ?? "absent"}); refusing to revert`,
      );
    }
    if (ch.backup === undefined) {
      ops.push({ op: "delete", path });
    } else {
      const data = await readIfExists(join(destAbs, ch.backup));
      if (data === undefined || sha256(data) !== ch.before)
        throw new ModuleError(`${join(manifest.dest, ch.backup)}: backup missing or changed; cannot restore ${path}`);
      ops.push({ op: "write", path, data, mode: ch.mode ?? 0o644 });
    }
    changedFiles.push(path);
  }
  for (const rel of await listFiles(destAbs)) {
    if (rel === MANIFEST_NAME) continue;
    const want = manifest.files[rel];
    if (want === undefined)
      throw new ModuleError(
        `${manifest.dest}/${rel}: added to the xsysgen copy since apply; refusing to revert (move it out first)`,
      );
    const data = await readIfExists(join(destAbs, rel));
    if (data === undefined || sha256(data) !== want)
      throw new ModuleError(`${manifest.dest}/${rel}: changed since xsysgen apply; refusing to revert`);
  }
  for (const rel of Object.keys(manifest.files)) {
    if (!(await exists(join(destAbs, rel))))
      throw new ModuleError(`${manifest.dest}/${rel}: deleted since xsysgen apply; refusing to revert`);
  }
  // Sorted, a parent precedes its children; rmdirs removes them in reverse, children first.
  ops.push({ op: "removeTree", path: manifest.dest }, { op: "rmdirs", paths: [...manifest.createdDirs].sort() });
  changedFiles.push(manifest.dest);
  await runTransaction(root, "revert", ops);
  return { moduleDir: root, dest: manifest.dest, changedFiles, recovered };
}

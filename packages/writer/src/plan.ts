/**
 * The end state an apply wants, computed from the module's original state (through the backups
 * when an earlier apply patched it), compared with what is on disk: the transaction's operations,
 * the manifest, and the list of files whose bytes change. Nothing here writes.
 */
import { promises as fs } from "node:fs";
import { dirname, join } from "node:path";
import { ModuleError } from "@xsysgen/core";
import { goFailure, runGo, type GoEnv, type GoModJson } from "./go.ts";
import { exists, fileMode, isDir, listFiles, missingParents, readIfExists, sha256 } from "./io.ts";
import type { XsysLocation } from "./locate.ts";
import {
  BACKUP_DIR,
  MANIFEST_NAME,
  renderManifest,
  type Manifest,
  type ManifestInfo,
  type ModuleFileChange,
} from "./manifest.ts";
import type { PlannedOp } from "./txn.ts";
import { editModulesTxt, parseModulesTxt, XSYS } from "./vendor.ts";

export interface ApplyPlan {
  readonly ops: PlannedOp[];
  /** Module-relative paths whose bytes this apply changes (copied x/sys files and bookkeeping excluded). */
  readonly changedFiles: string[];
  /** Module-relative path → [current, wanted] for every module file and patched copy file that changes. */
  readonly textChanges: Map<string, { before: Buffer | undefined; after: Buffer | undefined; original?: string }>;
  readonly manifest: Manifest;
}

function same(a: Buffer | undefined, b: Buffer | undefined): boolean {
  return a === undefined ? b === undefined : b !== undefined && a.equals(b);
}

async function goModEdit(
  root: string,
  file: string,
  replace: string,
  env: GoEnv | undefined,
): Promise<{ text: Buffer; json: GoModJson }> {
  const args = ["mod", "edit", `-replace=${XSYS}=${replace}`];
  const text = await runGo([...args, "-print", file], root, env);
  const json = await runGo([...args, "-json", file], root, env);
  if (text.code !== 0) throw goFailure([...args, "-print", file], root, text);
  if (json.code !== 0) throw goFailure([...args, "-json", file], root, json);
  return { text: Buffer.from(text.stdout), json: JSON.parse(json.stdout) as GoModJson };
}

function synthesizedGoMod(goVersion: string | undefined): Buffer {
  return Buffer.from(goVersion === undefined ? `module ${XSYS}\n` : `module ${XSYS}\n\ngo ${goVersion}\n`);
}

export async function planApply(
  loc: XsysLocation,
  destRel: string,
  replace: string,
  newFiles: ReadonlyMap<string, string>,
  info: ManifestInfo,
  env: GoEnv | undefined,
): Promise<ApplyPlan> {
  const root = loc.moduleDir;
  const destAbs = join(root, destRel);
  const prev = loc.patched?.manifest;
  for (const rel of newFiles.keys()) {
    if (rel.startsWith("/") || rel.split("/").some((p) => p === ".." || p === "" || p.startsWith(".xsysgen"))) {
      throw new ModuleError(`patched file name ${JSON.stringify(rel)}: expected a relative path inside ${XSYS}`);
    }
  }
  if (
    prev === undefined &&
    (await exists(destAbs)) &&
    (!(await isDir(destAbs)) || (await fs.readdir(destAbs)).length > 0)
  ) {
    throw new ModuleError(
      `--dest ${destRel}: already exists and is not an xsysgen copy (expected a new or empty directory)`,
    );
  }
  // The module file as it was before any xsysgen apply.
  const original = async (path: string): Promise<Buffer | undefined> => {
    const ch = prev?.module[path];
    if (ch === undefined) return readIfExists(join(root, path));
    if (ch.backup === undefined) return undefined;
    return readIfExists(join(destAbs, ch.backup));
  };

  const goModFile =
    prev?.module["go.mod"]?.backup !== undefined ? join(destAbs, prev.module["go.mod"].backup) : join(root, "go.mod");
  const goMod = await goModEdit(root, goModFile, replace, env);
  const wanted = new Map<string, Buffer | undefined>([["go.mod", goMod.text]]);
  if (loc.vendored) {
    const txt = await original("vendor/modules.txt");
    if (txt === undefined) throw new ModuleError(`${join(root, "vendor/modules.txt")}: missing`);
    const text = txt.toString("utf8");
    wanted.set("vendor/modules.txt", Buffer.from(editModulesTxt(text, goMod.json, replace)));
    // go mod vendor copies every non-test file of a vendored package directory.
    const pkgDirs = new Set(
      parseModulesTxt(text)
        .find((m) => m.path === XSYS)
        ?.packages.map((p) => p.slice(XSYS.length + 1)) ?? [],
    );
    for (const [rel, content] of newFiles) {
      if (pkgDirs.has(dirname(rel)) && !rel.endsWith("_test.go"))
        wanted.set(`vendor/${XSYS}/${rel}`, Buffer.from(content));
    }
  }
  for (const path of Object.keys(prev?.module ?? {})) if (!wanted.has(path)) wanted.set(path, await original(path));

  const ops: PlannedOp[] = [];
  const changedFiles: string[] = [];
  const textChanges: ApplyPlan["textChanges"] = new Map();
  const moduleRecord: Record<string, ModuleFileChange> = {};
  const tree = new Map<string, Buffer>();
  for (const [path, want] of [...wanted].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const orig = await original(path);
    const mode = prev?.module[path]?.mode ?? (await fileMode(join(root, path))) ?? 0o644;
    if (!same(orig, want)) {
      const backup = orig === undefined ? undefined : `${BACKUP_DIR}/${path}`;
      if (backup !== undefined) tree.set(backup, orig!);
      moduleRecord[path] = {
        before: orig === undefined ? null : sha256(orig),
        after: want === undefined ? null : sha256(want),
        mode,
        ...(backup === undefined ? {} : { backup }),
      };
    }
    const cur = await readIfExists(join(root, path));
    if (same(cur, want)) continue;
    ops.push(want === undefined ? { op: "delete", path } : { op: "write", path, data: want, mode });
    changedFiles.push(path);
    textChanges.set(path, { before: cur, after: want });
  }

  for (const rel of loc.files) tree.set(rel, await loc.readFile(rel));
  const patched: Record<string, { before: string | null; after: string }> = {};
  const overlay = new Map<string, Buffer>([...newFiles].map(([rel, c]) => [rel, Buffer.from(c)]));
  if (!tree.has("go.mod") && !overlay.has("go.mod")) overlay.set("go.mod", synthesizedGoMod(loc.xsysGoVersion));
  for (const [rel, data] of overlay) {
    const orig = loc.files.includes(rel) ? tree.get(rel) : undefined;
    if (!same(orig, data)) patched[rel] = { before: orig === undefined ? null : sha256(orig), after: sha256(data) };
    tree.set(rel, data);
  }

  // Every directory this apply creates — above the copy on a first apply, and the parents of the
  // module files it writes (vendor/golang.org/x/sys/unix/ when vendor/ held only modules.txt, as a
  // module zip from the proxy does) — so that revert removes them again. Sorted, a parent comes
  // before its children; revert removes them in reverse.
  const created = new Set(prev?.createdDirs ?? []);
  const made = [...(prev === undefined ? [destRel] : []), ...ops.flatMap((op) => (op.op === "write" ? [op.path] : []))];
  for (const path of made) for (const d of await missingParents(root, path)) created.add(d);
  const createdDirs = [...created].sort();
  const files = Object.fromEntries(
    [...tree].sort(([a], [b]) => (a < b ? -1 : 1)).map(([rel, data]) => [rel, sha256(data)]),
  );
  const manifest: Manifest = {
    tool: "xsysgen",
    format: 1,
    xsysVersion: loc.xsysVersion,
    source: loc.source,
    dest: destRel,
    replace,
    info,
    module: moduleRecord,
    patched,
    files,
    createdDirs,
  };
  tree.set(MANIFEST_NAME, Buffer.from(renderManifest(manifest)));

  const current = (await exists(destAbs)) ? await listFiles(destAbs) : [];
  let treeSame = current.length === tree.size;
  for (const rel of current) {
    if (!treeSame) break;
    treeSame = same(await readIfExists(join(destAbs, rel)), tree.get(rel));
  }
  if (!treeSame) {
    ops.unshift({ op: "tree", path: destRel, files: tree });
    for (const rel of Object.keys(patched).sort()) {
      const cur = await readIfExists(join(destAbs, rel));
      if (same(cur, tree.get(rel))) continue;
      changedFiles.push(`${destRel}/${rel}`);
      const orig = loc.files.includes(rel) ? await loc.readFile(rel) : undefined;
      textChanges.set(`${destRel}/${rel}`, {
        before: cur ?? orig,
        after: tree.get(rel),
        ...(cur === undefined && orig !== undefined ? { original: `${XSYS}@${loc.xsysVersion}/${rel}` } : {}),
      });
    }
  }
  return { ops, changedFiles: changedFiles.sort(), textChanges, manifest };
}

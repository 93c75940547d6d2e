/**
 * Finds the golang.org/x/sys a module builds with: the vendored copy when the module vendors
 * (vendor/modules.txt), else the module cache (`go list -m`, `go mod download`). A module an
 * earlier apply patched is recognised by its `replace golang.org/x/sys => ./<copy>` whose target
 * holds an xsysgen manifest; its original x/sys bytes are then read through the backups.
 */
import { promises as fs } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { ModuleError } from "@xsysgen/core";
import { resolveDest } from "./dest.ts";
import { compareGoVersions, goFailure, runGo, type GoEnv, type GoModJson } from "./go.ts";
import { assertInside } from "./inside.ts";
import { exists, isDir, listFiles, readIfExists } from "./io.ts";
import { MANIFEST_NAME, readManifest, type Manifest } from "./manifest.ts";
import { parseModulesTxt, XSYS } from "./vendor.ts";

/** Where and which golang.org/x/sys a Go module builds with (see {@link findXsys}). */
export interface XsysLocation {
  /** Absolute module root. */
  readonly moduleDir: string;
  readonly modulePath: string;
  /** go.mod as `go mod edit -json` reads it (the original one when already patched). */
  readonly goMod: GoModJson;
  readonly xsysVersion: string;
  /** x/sys's own `go` directive, when known (vendor marker or its go.mod). */
  readonly xsysGoVersion: string | undefined;
  /** The module vendors x/sys (vendor/modules.txt lists it). */
  readonly vendored: boolean;
  readonly source: "vendor" | "modcache";
  /** Absolute directory of the x/sys files (vendor/golang.org/x/sys or the module cache). */
  readonly sourceDir: string;
  /** The original x/sys files, '/'-separated, relative to x/sys's root. */
  readonly files: readonly string[];
  /** Set when an earlier apply patched this module. */
  readonly patched: { readonly dest: string; readonly manifest: Manifest } | undefined;
  /** Original bytes of an x/sys file (before any xsysgen patch). */
  readFile(rel: string): Promise<Buffer>;
}

/** The x/sys zsysnum files of Linux, by GOARCH (`unix/zsysnum_linux_<goarch>.go`). */
export function zsysnumFiles(loc: Pick<XsysLocation, "files">): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of loc.files) {
    const m = /^unix\/zsysnum_linux_([a-z0-9]+)\.go$/.exec(f);
    if (m !== null) out.set(m[1]!, f);
  }
  return out;
}

/** Options of {@link findXsys}. */
export interface FindOptions {
  /**
   * The environment the go commands run in (a program passes its own). Required: its GOFLAGS
   * (`-mod=vendor`) decides whether vendor/ counts, and the writer reads no environment itself.
   */
  readonly env: GoEnv;
}

/** go.mod as `go mod edit -json` reads it (or `file`, a go.mod elsewhere). */
export async function goModJson(moduleDir: string, env: GoEnv | undefined, file?: string): Promise<GoModJson> {
  const r = await runGo(["mod", "edit", "-json", ...(file === undefined ? [] : [file])], moduleDir, env);
  if (r.code !== 0)
    throw new ModuleError(`${join(moduleDir, "go.mod")}: unreadable (go mod edit: ${r.stderr.trim().split("\n")[0]})`);
  return JSON.parse(r.stdout) as GoModJson;
}

/** A replace target that is a directory (`./x`, `../x`, `/x`), not a module version. */
export function isLocal(path: string): boolean {
  return path.startsWith("./") || path.startsWith("../") || isAbsolute(path);
}

async function findPatched(moduleDir: string, goMod: GoModJson): Promise<XsysLocation["patched"]> {
  const rep = (goMod.Replace ?? []).find((r) => r.Old.Path === XSYS);
  if (rep === undefined) return undefined;
  if (!isLocal(rep.New.Path)) {
    throw new ModuleError(
      `go.mod replaces ${XSYS} with ${rep.New.Path} ${rep.New.Version ?? ""}; expected no replace or an xsysgen copy`,
    );
  }
  // A replace pointing outside the module is not an xsysgen copy (apply never writes one there).
  const copy = resolveDest(moduleDir, rep.New.Path);
  await assertInside(moduleDir, [copy]);
  const manifest = await readManifest(resolve(moduleDir, copy));
  if (manifest === undefined) {
    throw new ModuleError(
      `go.mod replaces ${XSYS} with ${rep.New.Path}, which is not an xsysgen copy (no manifest); ` +
        "remove that replace first",
    );
  }
  if (manifest.dest !== copy)
    throw new ModuleError(
      `${copy}/${MANIFEST_NAME}: records the copy at ${String(manifest.dest)}, not ./${copy} as go.mod says`,
    );
  return { dest: manifest.dest, manifest };
}

/** Whether the go command reads vendor/ for this module: `-mod=vendor` in GOFLAGS, or by default from go 1.14 on. */
function usesVendor(goMod: GoModJson, env: GoEnv): boolean {
  const flags = env["GOFLAGS"] ?? "";
  if (/(^|\s)-mod=vendor(\s|$)/.test(flags)) return true;
  if (/(^|\s)-mod=/.test(flags)) return false;
  return compareGoVersions(goMod.Go ?? "1.0", "1.14") >= 0;
}

/** Reads the vendored x/sys entry, or undefined when the module does not vendor. */
export async function vendorEntry(moduleDir: string, goMod: GoModJson, env: GoEnv) {
  const vendorDir = join(moduleDir, "vendor");
  if (!(await exists(vendorDir))) return undefined;
  // Before go 1.14 the go command ignores vendor/ unless told -mod=vendor; module zips from the
  // proxy (runc v1.0.0, containerd/console v1.0.1: go 1.13) keep vendor/modules.txt alone.
  if (!usesVendor(goMod, env)) return undefined;
  const txtPath = join(vendorDir, "modules.txt");
  let text: string;
  try {
    text = await fs.readFile(txtPath, "utf8");
  } catch {
    // Before go 1.14 a vendor/ without modules.txt is ignored unless -mod=vendor is given.
    if (compareGoVersions(goMod.Go ?? "1.0", "1.14") < 0) return undefined;
    throw new ModuleError(`${txtPath}: unreadable (expected the modules.txt that go mod vendor writes)`);
  }
  const mod = parseModulesTxt(text).find((m) => m.path === XSYS);
  if (mod === undefined)
    throw new ModuleError(`${txtPath}: no "# ${XSYS}" entry although go.mod requires it (run go mod vendor)`);
  return mod;
}

/** `go mod download` of `path@version` (default golang.org/x/sys): its directory and go.mod in the module cache. */
export async function download(
  moduleDir: string,
  version: string,
  env: GoEnv | undefined,
  path = XSYS,
): Promise<{ Dir: string; GoMod: string }> {
  const args = ["mod", "download", "-json", `${path}@${version}`];
  const r = await runGo(args, moduleDir, env);
  const info = (r.stdout.trim() === "" ? {} : JSON.parse(r.stdout)) as { Dir?: string; GoMod?: string; Error?: string };
  // Not in the module cache and not downloadable: go reports why in the JSON's Error, not on stderr.
  if (r.code !== 0 || info.Dir === undefined || info.GoMod === undefined)
    throw goFailure(args, moduleDir, r, info.Error);
  return { Dir: info.Dir, GoMod: info.GoMod };
}

function goLine(goModText: string): string | undefined {
  return /^go\s+(\S+)\s*$/m.exec(goModText)?.[1];
}

/**
 * Finds the golang.org/x/sys a Go module builds with: its vendored copy, else the module cache
 * (runs `go list -m` and `go mod download`); a module patched by {@link applyPatch} is recognised.
 */
export async function findXsys(moduleDir: string, options: FindOptions): Promise<XsysLocation> {
  const root = resolve(moduleDir);
  if (!(await exists(join(root, "go.mod"))))
    throw new ModuleError(`${root}: no go.mod (expected the root of a Go module)`);
  const env = options.env;
  let goMod = await goModJson(root, env);
  if (!(goMod.Require ?? []).some((r) => r.Path === XSYS)) {
    // Nothing written yet. apply patches x/sys only: the standard library's syscall package is
    // frozen, and C needs no Go module.
    throw new ModuleError(
      `${join(root, "go.mod")}: no ${XSYS} requirement (nothing to patch): ` +
        "apply cannot fix std-library syscall.SYS_* uses (switch them to golang.org/x/sys/unix or local constants); " +
        "for cgo/C uses, `xsysgen gen --out <dir>` writes the C fallback header (CGO_CFLAGS=-I<dir>/include)",
    );
  }
  const patched = await findPatched(root, goMod);
  if (patched !== undefined && patched.manifest.module["go.mod"]?.backup !== undefined) {
    goMod = await goModJson(root, env, join(root, patched.dest, patched.manifest.module["go.mod"].backup));
  }
  const vendored = await vendorEntry(root, goMod, env);
  let version: string;
  let sourceDir: string | undefined;
  let xsysGoVersion: string | undefined;
  if (vendored !== undefined) {
    version = vendored.version;
    xsysGoVersion = vendored.goVersion;
    const vdir = join(root, "vendor", XSYS);
    if (await isDir(vdir)) sourceDir = vdir;
  } else {
    const args = ["list", "-mod=readonly", "-m", "-json", XSYS];
    const r = await runGo(args, root, env);
    if (r.code !== 0) throw goFailure(args, root, r);
    version = (JSON.parse(r.stdout) as { Version: string }).Version;
  }
  if (sourceDir !== undefined && xsysGoVersion === undefined) {
    // modules.txt records x/sys's go line only when the main module says go >= 1.17; the module
    // cache may still have its go.mod (offline only: a vendoring module expects no network).
    const dl = await download(root, version, { ...env, GOPROXY: "off", GOFLAGS: "-mod=mod" }).catch(() => undefined);
    if (dl !== undefined) xsysGoVersion = goLine(await fs.readFile(dl.GoMod, "utf8"));
  }
  if (sourceDir === undefined) {
    const dl = await download(root, version, env);
    sourceDir = dl.Dir;
    xsysGoVersion ??= goLine(await fs.readFile(dl.GoMod, "utf8"));
  }
  const src = sourceDir;
  const backups = new Map<string, string>();
  const created = new Set<string>();
  if (patched !== undefined && vendored !== undefined) {
    const prefix = `vendor/${XSYS}/`;
    for (const [path, change] of Object.entries(patched.manifest.module)) {
      if (!path.startsWith(prefix)) continue;
      if (change.backup !== undefined) backups.set(path.slice(prefix.length), join(root, patched.dest, change.backup));
      else if (change.before === null) created.add(path.slice(prefix.length));
    }
  }
  let files: string[];
  try {
    files = (await listFiles(src)).filter((f) => !created.has(f));
  } catch {
    throw new ModuleError(`${src}: unreadable ${XSYS} source directory`);
  }
  return {
    moduleDir: root,
    modulePath: goMod.Module.Path,
    goMod,
    xsysVersion: version,
    xsysGoVersion,
    vendored: vendored !== undefined,
    source: vendored !== undefined && src.startsWith(join(root, "vendor")) ? "vendor" : "modcache",
    sourceDir: src,
    files,
    patched,
    async readFile(rel: string): Promise<Buffer> {
      const data = await readIfExists(backups.get(rel) ?? join(src, rel));
      if (data === undefined || created.has(rel)) throw new ModuleError(`${XSYS}@${version}: no file ${rel}`);
      return data;
    },
  };
}

/**
 * The two Go syscall packages a module builds with, read from their sources: its golang.org/x/sys
 * (what the go command would compile: the `replace` target — an xsysgen copy after apply — else
 * vendor/ when the go command reads it and holds the package, else the module cache at the version
 * `go list -m` selects) and the toolchain's `syscall` (`$(go env GOROOT)/src/syscall`). Each gives
 * its wrappers' syscalls (wrappers.ts) and its `SYS_*` constants per GOARCH (zsysnum files).
 *
 * Cache: in memory, per process, per file (absolute path, size and mtime): a second check in the
 * same process — build tooling calling the API, the tests — parses no unchanged file again. Nothing
 * is cached on disk: the writer writes only inside the target module, and a cache elsewhere would
 * be one more thing to invalidate; reading both packages costs a few hundred milliseconds.
 */
import { promises as fs } from "node:fs";
import { join, relative, resolve } from "node:path";
import { goTargets } from "@xsysgen/core";
import { readZsysnumGo } from "@xsysgen/generator";
import { treeSitterParser } from "@xsysgen/parser/tree-sitter";
import { runGo, goFailure, type GoEnv } from "../go.ts";
import { isDir } from "../io.ts";
import { download, goModJson, isLocal, vendorEntry } from "../locate.ts";
import { readManifest } from "../manifest.ts";
import { XSYS } from "../vendor.ts";
import { goFileAllows } from "./constraints.ts";
import {
  summarizePackageFile,
  summaryQuery,
  wrapperCalls,
  type PackageFileSummary,
  type WrapperCalls,
} from "./wrappers.ts";

/** A Go syscall package as the build sees it. */
export interface SyscallPackage {
  /** How advice names it: "golang.org/x/sys v0.3.0", "Go go1.26.8's syscall". */
  readonly label: string;
  /** Exported function → the syscalls it makes on linux/`goarch`. */
  wrappers(goarch: string): WrapperCalls;
  /** The `SYS_*` names it defines for linux/`goarch`; empty when it has no zsysnum file for it. */
  constants(goarch: string): ReadonlySet<string>;
}

interface Cached<T> {
  readonly size: number;
  readonly mtimeMs: number;
  readonly value: T;
}

const summaries = new Map<string, Cached<PackageFileSummary | undefined>>();
const zsysnums = new Map<string, Cached<ReadonlySet<string>>>();

async function cachedRead<T>(
  cache: Map<string, Cached<T>>,
  path: string,
  read: (text: string) => Promise<T> | T,
): Promise<T> {
  const st = await fs.stat(path);
  const hit = cache.get(path);
  if (hit !== undefined && hit.size === st.size && hit.mtimeMs === st.mtimeMs) return hit.value;
  const value = await read(await fs.readFile(path, "utf8"));
  cache.set(path, { size: st.size, mtimeMs: st.mtimeMs, value });
  return value;
}

const LINUX_GOARCHES = goTargets.map((t) => t.goarch!);

/** Reads a package directory: its Linux files' summaries and its zsysnum constants per GOARCH. */
async function readPackage(
  dir: string,
  label: string,
  std?: () => SyscallPackage | undefined,
): Promise<SyscallPackage> {
  const [go, query] = await Promise.all([treeSitterParser("go"), summaryQuery()]);
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith(".go") && !n.endsWith("_test.go")).sort();
  const files: PackageFileSummary[] = [];
  const constants = new Map<string, ReadonlySet<string>>();
  for (const name of names) {
    const zsysnum = /^zsysnum_linux_([a-z0-9]+)\.go$/.exec(name);
    if (zsysnum !== null) {
      const set = await cachedRead(zsysnums, join(dir, name), async (text) => {
        const read = await readZsysnumGo(text, join(dir, name));
        return new Set(read.constants.map((c) => c.name));
      });
      constants.set(zsysnum[1]!, set);
      continue;
    }
    const summary = await cachedRead(summaries, join(dir, name), (text) =>
      LINUX_GOARCHES.some((goarch) => goFileAllows(name, text, goarch)) &&
      (/^func /m.test(text) || /=\s*SYS_[A-Z0-9_]+\s*$/m.test(text))
        ? summarizePackageFile(name, text, go, query)
        : undefined,
    );
    if (summary !== undefined) files.push(summary);
  }
  const maps = new Map<string, WrapperCalls>();
  return {
    label,
    wrappers(goarch) {
      let m = maps.get(goarch);
      if (m === undefined)
        maps.set(goarch, (m = wrapperCalls(files, goarch, std && ((name) => std()?.wrappers(goarch).get(name)))));
      return m;
    },
    constants: (goarch) => constants.get(goarch) ?? new Set(),
  };
}

/** The toolchain's `syscall` package (`go env GOROOT GOVERSION` with the caller's environment). */
export async function readStdSyscall(moduleDir: string, env: GoEnv | undefined): Promise<SyscallPackage> {
  const args = ["env", "-json", "GOROOT", "GOVERSION"];
  const r = await runGo(args, moduleDir, env);
  if (r.code !== 0) throw goFailure(args, moduleDir, r);
  const { GOROOT, GOVERSION } = JSON.parse(r.stdout) as { GOROOT: string; GOVERSION: string };
  return readPackage(join(GOROOT, "src", "syscall"), `Go ${GOVERSION}'s syscall`);
}

/**
 * Where the build's golang.org/x/sys is, and how to name it; undefined when go.mod does not require
 * it. With `labelOnly` nothing is downloaded: go.mod's version names it (`dir` is then "").
 */
async function xsysSource(
  root: string,
  env: GoEnv,
  labelOnly: boolean,
): Promise<{ dir: string; label: string } | undefined> {
  const goMod = await goModJson(root, env);
  const required = (goMod.Require ?? []).find((r) => r.Path === XSYS);
  if (required === undefined) return undefined;
  const rep = (goMod.Replace ?? []).find(
    (r) => r.Old.Path === XSYS && (r.Old.Version === undefined || r.Old.Version === required.Version),
  );
  if (rep !== undefined && isLocal(rep.New.Path)) {
    const dir = resolve(root, rep.New.Path);
    const manifest = await readManifest(dir).catch(() => undefined);
    const shown = relative(root, dir).startsWith("..") ? dir : `./${relative(root, dir)}`;
    return {
      dir,
      label:
        manifest === undefined
          ? `golang.org/x/sys at ${shown} (go.mod's replace)`
          : `golang.org/x/sys ${manifest.xsysVersion} as patched by xsysgen in ${shown}`,
    };
  }
  if (rep !== undefined) {
    const label = `${rep.New.Path} ${rep.New.Version ?? ""} (replacing golang.org/x/sys)`;
    if (labelOnly) return { dir: "", label };
    return { dir: (await download(root, rep.New.Version ?? "", env, rep.New.Path)).Dir, label };
  }
  // A vendor/ the go command would reject (no modules.txt, or no x/sys in it) still leaves check the
  // module cache to read x/sys from.
  const vendored = await vendorEntry(root, goMod, env).catch(() => undefined);
  if (vendored !== undefined && (await isDir(join(root, "vendor", XSYS, "unix"))))
    return { dir: join(root, "vendor", XSYS), label: `golang.org/x/sys ${vendored.version} (vendor/)` };
  if (labelOnly) return { dir: "", label: `golang.org/x/sys ${required.Version ?? ""}` };
  // The version the build selects, which a dependency may have raised above go.mod's line; without
  // a complete go.sum `go list -m` refuses, and go.mod's requirement is what there is.
  const args = ["list", "-mod=readonly", "-m", "-json", XSYS];
  const r = await runGo(args, root, env);
  const version = r.code === 0 ? (JSON.parse(r.stdout) as { Version: string }).Version : required.Version!;
  const dl = await download(root, version, env);
  return { dir: dl.Dir, label: `golang.org/x/sys ${version}` };
}

/**
 * The module's golang.org/x/sys unix package as its build sees it, or undefined when it has none.
 * `std` answers for the wrappers that forward to the standard library (`Setuid` →
 * `syscall.Setuid`); it is asked only on such a path. With `labelOnly` (only C was found) nothing
 * but its name is read.
 */
export async function readModuleXsys(
  moduleDir: string,
  env: GoEnv,
  std: () => SyscallPackage | undefined,
  labelOnly = false,
): Promise<SyscallPackage | undefined> {
  const root = resolve(moduleDir);
  const source = await xsysSource(root, env, labelOnly);
  if (source === undefined) return undefined;
  const unix = join(source.dir, "unix");
  if (labelOnly || !(await isDir(unix)))
    return { label: source.label, wrappers: () => new Map(), constants: () => new Set() };
  return readPackage(unix, source.label, std);
}

/**
 * The dependency sources `check --include-deps` reads: a complete vendor/ (modules.txt and every
 * package directory it lists), else the packages `go list -deps` resolves from the module cache —
 * a module zip from the proxy keeps vendor/modules.txt alone (containerd v1.7.20, runc v1.1.4), so
 * its vendor/ holds no dependency source at all. Tests of dependencies never build into the
 * module and are not read.
 */
import { promises as fs } from "node:fs";
import { join, relative, sep } from "node:path";
import { goFailure, runGo, type GoEnv } from "../go.ts";
import { exists, isDir, listFiles } from "../io.ts";
import { parseModulesTxt } from "../vendor.ts";

/** A dependency file: how findings name it and where it is. */
export interface DependencyFile {
  /** Module-relative ('/'-separated) inside the module; `<module path>@<version>/<path>` in the module cache. */
  readonly name: string;
  readonly path: string;
}

/** Whether vendor/ holds every package vendor/modules.txt lists. */
async function vendorComplete(root: string): Promise<boolean> {
  let text: string;
  try {
    text = await fs.readFile(join(root, "vendor", "modules.txt"), "utf8");
  } catch {
    return false;
  }
  const packages = parseModulesTxt(text).flatMap((m) => m.packages);
  if (packages.length === 0) return false;
  for (const p of packages) if (!(await isDir(join(root, "vendor", p)))) return false;
  return true;
}

const LIST_FORMAT =
  "{{if not .Standard}}{{with .Module}}{{if not .Main}}" +
  "{{$.Dir}}\t{{.Path}}\t{{.Version}}\t{{.Dir}}\n" +
  "{{end}}{{end}}{{end}}";

/**
 * The packages outside the main module that `./...` imports on linux/`goarch`, for every GOARCH
 * given (each may import other packages), as directories with their module's path, version and root.
 */
async function listDependencyDirs(
  root: string,
  goarches: readonly string[],
  env: GoEnv,
): Promise<Map<string, { module: string; version: string; moduleDir: string }>> {
  const dirs = new Map<string, { module: string; version: string; moduleDir: string }>();
  for (const goarch of goarches) {
    // -mod=readonly: the module cache, whatever vendor/ holds; go.mod and go.sum are never written.
    const args = ["list", "-e", "-mod=readonly", "-deps", "-f", LIST_FORMAT, "./..."];
    const r = await runGo(args, root, { ...env, GOOS: "linux", GOARCH: goarch, CGO_ENABLED: "1" });
    if (r.code !== 0) throw goFailure(args, root, r);
    for (const line of r.stdout.split("\n")) {
      const [dir, module, version, moduleDir] = line.split("\t");
      if (dir === undefined || dir === "" || module === undefined || moduleDir === undefined) continue;
      dirs.set(dir, { module, version: version ?? "", moduleDir });
    }
  }
  return dirs;
}

/**
 * The dependency files to scan: vendor/ when complete, else the module cache's package directories
 * (non-test files matching `source`). third_party/ is the caller's (it is in the module).
 */
export async function dependencyFiles(
  root: string,
  goarches: readonly string[],
  source: RegExp,
  env: GoEnv,
): Promise<DependencyFile[]> {
  if (await vendorComplete(root)) {
    return (await listFiles(join(root, "vendor")))
      .filter((f) => source.test(f))
      .map((f) => ({ name: `vendor/${f}`, path: join(root, "vendor", f) }));
  }
  const out: DependencyFile[] = [];
  for (const [dir, m] of await listDependencyDirs(root, goarches, env)) {
    // A local replace inside the module (`=> ./staging/x`) is read with the module's own files.
    const inside = relative(root, dir);
    if (!inside.startsWith("..") || !(await exists(dir))) continue;
    for (const e of await fs.readdir(dir, { withFileTypes: true })) {
      if (!e.isFile() || !source.test(e.name) || e.name.endsWith("_test.go")) continue;
      const path = join(dir, e.name);
      out.push({ name: `${m.module}@${m.version}/${relative(m.moduleDir, path).split(sep).join("/")}`, path });
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

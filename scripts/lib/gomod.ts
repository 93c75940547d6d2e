/**
 * Real golang.org/x/sys releases for tests, from the Go module proxy (`go mod download`) into the
 * git-ignored module cache `.cache/gomod` (read-only files, as Go leaves them, unless -modcacherw).
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./debian.ts";

const goModCache = join(repoRoot, ".cache", "gomod");

/** Go with the private module cache, the local toolchain and the default proxy. */
export function goModEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, GOMODCACHE: goModCache, GOFLAGS: "-modcacherw", GOTOOLCHAIN: "local", ...extra };
}

/** `unix/` of golang.org/x/sys@version, downloaded (and checked against go.sum's database) when not cached. */
export function xsysUnixDir(version: string): string {
  const out = execFileSync("go", ["mod", "download", "-json", `golang.org/x/sys@${version}`], {
    env: goModEnv(),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const info = JSON.parse(out) as { Dir?: string; Error?: string };
  if (info.Dir === undefined) throw new Error(`go mod download golang.org/x/sys@${version}: ${info.Error ?? "no Dir"}`);
  return join(info.Dir, "unix");
}

/**
 * A pinned module and every module its own go.mod needs to build and test its packages (`go mod
 * download` in a scratch copy of its go.mod and go.sum), into .cache/gomod; the module's go.sum hash
 * must be `sum`.
 */
export function downloadModuleAndDependencies(path: string, version: string, sum: string): void {
  const info = JSON.parse(
    execFileSync("go", ["mod", "download", "-json", `${path}@${version}`], {
      env: goModEnv(),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }),
  ) as { Dir?: string; Sum?: string; Error?: string };
  if (info.Dir === undefined) throw new Error(`go mod download ${path}@${version}: ${info.Error ?? "no Dir"}`);
  if (info.Sum !== sum) throw new Error(`${path}@${version}: go.sum hash ${info.Sum}, pinned ${sum}`);
  const scratch = mkdtempSync(join(tmpdir(), "xsysgen-gomod-"));
  try {
    for (const file of ["go.mod", "go.sum"])
      if (existsSync(join(info.Dir, file))) copyFileSync(join(info.Dir, file), join(scratch, file));
    execFileSync("go", ["mod", "download"], { cwd: scratch, env: goModEnv(), stdio: ["ignore", "ignore", "pipe"] });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

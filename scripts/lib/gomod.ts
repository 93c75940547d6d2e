/**
 * Real golang.org/x/sys releases for tests, from the Go module proxy (`go mod download`) into the
 * git-ignored module cache `.cache/gomod` (read-only files, as Go leaves them, unless -modcacherw).
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./debian.ts";
import type { ModulePin } from "./test-modules.ts";

const goModCache = join(repoRoot, ".cache", "gomod");

/** Go with the private module cache, the local toolchain and the default proxy. */
export function goModEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, GOMODCACHE: goModCache, GOFLAGS: "-modcacherw", GOTOOLCHAIN: "local", ...extra };
}

/**
 * `go mod download -json path@version` into .cache/gomod (checked against go.sum's database when not
 * cached): the module's directory and its go.sum `h1:` hash.
 */
export function downloadModule(path: string, version: string): { dir: string; sum: string } {
  const out = execFileSync("go", ["mod", "download", "-json", `${path}@${version}`], {
    env: goModEnv(),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const info = JSON.parse(out) as { Dir?: string; Sum?: string; Error?: string };
  if (info.Dir === undefined || info.Sum === undefined)
    throw new Error(`go mod download ${path}@${version}: ${info.Error ?? "no Dir or Sum"}`);
  return { dir: info.Dir, sum: info.Sum };
}

/** `unix/` of golang.org/x/sys@version. */
export function xsysUnixDir(version: string): string {
  return join(downloadModule("golang.org/x/sys", version).dir, "unix");
}

/**
 * A pinned module and every module its own go.mod needs to build and test its packages (`go mod
 * download` in a scratch copy of its go.mod and go.sum), into .cache/gomod; its go.sum hash must be
 * the pin's.
 */
export function downloadModuleAndDependencies(pin: ModulePin): void {
  const { dir, sum } = downloadModule(pin.path, pin.version);
  if (sum !== pin.sum) throw new Error(`${pin.path}@${pin.version}: go.sum hash ${sum}, pinned ${pin.sum}`);
  const scratch = mkdtempSync(join(tmpdir(), "xsysgen-gomod-"));
  try {
    for (const file of ["go.mod", "go.sum"])
      if (existsSync(join(dir, file))) copyFileSync(join(dir, file), join(scratch, file));
    execFileSync("go", ["mod", "download"], { cwd: scratch, env: goModEnv(), stdio: ["ignore", "ignore", "pipe"] });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

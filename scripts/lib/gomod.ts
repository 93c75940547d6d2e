/**
 * Real golang.org/x/sys releases for tests, from the Go module proxy (`go mod download`) into the
 * git-ignored module cache `.cache/gomod` (read-only files, as Go leaves them, unless -modcacherw).
 */
import { execFileSync } from "node:child_process";
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

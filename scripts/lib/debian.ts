/**
 * Real Debian packages for tests and benchmarks, downloaded once into `.cache/debian/`
 * (git-ignored) with `apt-get download`. Debian 12 (bookworm) serves linux-libc-dev 6.1 for
 * amd64 and `linux-libc-dev-<arch>-cross` 6.1 for the other arches, and golang.org/x/sys
 * v0.3.0 as golang-golang-x-sys-dev.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const debianCache = join(repoRoot, ".cache", "debian");

/** Debian `-cross` header packages, by Debian architecture. */
export const crossArches = [
  "i386", "armhf", "arm64", "mips", "mipsel", "mips64", "mips64el",
  "powerpc", "ppc64", "ppc64el", "riscv64", "s390x", "sparc64",
] as const;

function findDeb(name: string): string | undefined {
  const file = readdirSync(debianCache).find((f) => f.startsWith(`${name}_`) && f.endsWith(".deb"));
  return file === undefined ? undefined : join(debianCache, file);
}

/** Path of the package's `.deb`, downloading it when missing. */
export function debianPackage(name: string): string {
  mkdirSync(debianCache, { recursive: true });
  const have = findDeb(name);
  if (have !== undefined) return have;
  execFileSync("apt-get", ["download", "-q", name], { cwd: debianCache, stdio: ["ignore", "ignore", "pipe"] });
  const got = findDeb(name);
  if (got === undefined) throw new Error(`apt-get download ${name} left no .deb in ${debianCache}`);
  return got;
}

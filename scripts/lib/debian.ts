/**
 * Real Debian packages for tests and benchmarks, downloaded once into `.cache/debian/`
 * (git-ignored) with `apt-get download`. Debian 12 (bookworm) serves linux-libc-dev 6.1 for
 * amd64 and `linux-libc-dev-<arch>-cross` 6.1 for the other arches, and golang.org/x/sys
 * v0.3.0 as golang-golang-x-sys-dev. Debian 11 (bullseye, 5.10) and 13 (trixie, 6.12) serve the
 * other eras' header packages (suiteDebs).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { debianCrossPackage, findTarget, type Target, type TargetName } from "../../packages/core/src/index.ts";
import { debianSuites, packageDir, type DebianPackage } from "../registry/debian-sources.ts";
import { SuiteApt } from "./apt.ts";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const debianCache = join(repoRoot, ".cache", "debian");

/** Targets whose bookworm `-cross` header package the tests read (x32's is fetched beside them). */
const crossTargets: readonly TargetName[] = [
  "386",
  "arm",
  "arm64",
  "mips",
  "mipsle",
  "mips64",
  "mips64le",
  "ppc",
  "ppc64",
  "ppc64le",
  "riscv64",
  "s390x",
  "sparc64",
];
const row = (name: TargetName) => findTarget(name) as Target;

/** Debian `-cross` header packages, by Debian architecture (the targets table's debianArch). */
export const crossArches: readonly string[] = crossTargets.map((t) => row(t).debianArch as string);

/** The bookworm `-cross` header packages the tests read: every arch of {@link crossArches}, then x32's. */
export const crossPackages: readonly string[] = [...crossTargets, "x32" as const].map((t) =>
  debianCrossPackage(row(t)),
);

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

/*
 * Other Debian suites (bullseye 5.10, trixie 6.12): the exact package versions the registry was
 * built from (scripts/registry/debian-sources.ts), fetched with apt-get under a private
 * configuration in `.cache/debian/<suite>/apt` (the machine's /etc/apt is not touched) into
 * `.cache/debian/<suite>/<package>_<version>_<arch>.deb`, each checked against the SHA256 of the
 * suite's Packages index.
 */
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Runs `work` holding the suite's lock (an atomic mkdir holding the owner's pid): parallel test
 * workers fetching from one suite queue up, since one's `apt-get update` rewrites the lists another
 * is reading. A lock whose owner is gone is taken over.
 */
function withSuiteLock<T>(suite: string, work: () => T): T {
  const dir = join(debianCache, suite);
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, ".fetch-lock");
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, "pid"), String(process.pid));
      break;
    } catch {
      let owner = Number.NaN;
      try {
        owner = Number(readFileSync(join(lock, "pid"), "utf8"));
      } catch {
        // The owner is between mkdir and writing its pid.
      }
      let alive = true;
      if (Number.isInteger(owner)) {
        try {
          process.kill(owner, 0);
        } catch {
          alive = false;
        }
      }
      if (!alive) rmSync(lock, { recursive: true, force: true });
      else sleep(200);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Path of one package of a suite's set, downloaded and sha256-checked when missing. */
function suitePackage(suite: string, p: DebianPackage): string {
  const dir = join(debianCache, suite);
  const deb = join(dir, `${packageDir(p)}.deb`);
  if (existsSync(deb)) return deb;
  return withSuiteLock(suite, () => (existsSync(deb) ? deb : fetchSuitePackage(suite, p, dir, deb)));
}

function fetchSuitePackage(suite: string, p: DebianPackage, dir: string, deb: string): string {
  new SuiteApt(suite, join(dir, "apt")).download(p, deb);
  return deb;
}

export interface SuiteDeb {
  readonly suite: string;
  /** The kernel series of the suite's headers (5.10, 6.1, 6.12). */
  readonly series: string;
  readonly pkg: DebianPackage;
  readonly deb: string;
}

/** Every header package of a suite as the registry lists it (scripts/registry/inputs.tsv). */
export function suiteDebs(suite: "bullseye" | "bookworm" | "trixie"): SuiteDeb[] {
  const s = debianSuites.find((x) => x.suite === suite);
  if (s === undefined) throw new Error(`no Debian suite ${suite} in scripts/registry/debian-sources.ts`);
  return s.packages.map((pkg) => ({
    suite,
    series: s.series,
    pkg,
    deb: suitePackage(suite, pkg),
  }));
}

/** One file of a .deb's data (a symlink is followed inside the package), without unpacking the rest. */
export function debFile(deb: string, path: string): Buffer {
  const member = `./${path.replace(/^\.?\//, "")}`;
  const listing = execFileSync("sh", ["-ec", 'dpkg-deb --fsys-tarfile "$1" | tar -tv "$2"', "sh", deb, member], {
    encoding: "utf8",
  });
  const link = / -> (.+)$/.exec(listing.trim());
  if (link !== null) return debFile(deb, join(dirname(path), link[1] as string));
  return execFileSync("sh", ["-ec", 'dpkg-deb --fsys-tarfile "$1" | tar -xO "$2"', "sh", deb, member], {
    maxBuffer: 256 << 20,
  });
}

/** The .deb of `name` in a suite's header set (bullseye, bookworm or trixie). */
export function suiteDeb(suite: "bullseye" | "bookworm" | "trixie", name: string): string {
  const found = suiteDebs(suite).find((d) => d.pkg.name === name);
  if (found === undefined) throw new Error(`no ${name} in Debian ${suite}'s header set`);
  return found.deb;
}

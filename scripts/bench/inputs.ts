/**
 * The real inputs `pnpm bench` reads, fetched or built once into `.cache/` (git-ignored):
 * Debian's linux-source-6.1 tarball, linux-libc-dev 6.1, and .rpms (gzip, xz and zstd payloads)
 * rpmbuild makes from that .deb's /usr/include (no registry we reach serves a kernel-headers rpm).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { debianPackage, repoRoot } from "../lib/debian.ts";

const benchCache = join(repoRoot, ".cache", "bench");

function sh(script: string, cwd = benchCache): void {
  execFileSync("sh", ["-ec", script], { cwd, stdio: ["ignore", "ignore", "inherit"] });
}

/** usr/src/linux-source-6.1.tar.xz out of Debian's linux-source-6.1 .deb (139 MB download). */
export function sourceTarball(): string {
  mkdirSync(benchCache, { recursive: true });
  const out = join(benchCache, "linux-source-6.1.tar.xz");
  if (existsSync(out)) return out;
  const deb = debianPackage("linux-source-6.1");
  sh(`dpkg-deb --fsys-tarfile '${deb}' | tar -x -O ./usr/src/linux-source-6.1.tar.xz > '${out}.part'`);
  renameSync(`${out}.part`, out);
  return out;
}

export function libcDevDeb(): string {
  return debianPackage("linux-libc-dev");
}

const spec = (version: string) => `
Name: linux-libc-dev-bench
Version: ${version}
Release: 1
Summary: linux-libc-dev's /usr/include repackaged as an rpm for xsysgen's benchmark
License: GPL-2.0
BuildArch: noarch
%define __os_install_post %{nil}
%define _build_id_links none
%description
Debian linux-libc-dev headers.
%install
mkdir -p %{buildroot}/usr
cp -a "$BENCH_TREE/usr/include" %{buildroot}/usr/
%files
/usr/include
`;

export type RpmPayload = "gzip" | "xz" | "zstd";

/** rpmbuild's `_binary_payload` for each payload compressor (rpm's default levels). */
const payloadMacro: Record<RpmPayload, string> = { gzip: "w9.gzdio", xz: "w2.xzdio", zstd: "w19.zstdio" };

/** An rpm of linux-libc-dev's /usr/include with the given payload compressor. */
export function libcDevRpm(payload: RpmPayload = "gzip"): string {
  const deb = libcDevDeb();
  const version = (/_([0-9.]+)-/.exec(deb)?.[1] ?? "6.1").replace(/-/g, ".");
  const out = join(benchCache, `linux-libc-dev-bench-${version}.${payload}.rpm`);
  if (existsSync(out)) return out;
  const work = join(benchCache, `rpmbuild-${payload}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, "SPECS"), { recursive: true });
  mkdirSync(join(work, "tree"), { recursive: true });
  execFileSync("dpkg-deb", ["-x", deb, join(work, "tree")]);
  writeFileSync(join(work, "SPECS", "bench.spec"), spec(version));
  execFileSync(
    "rpmbuild",
    [
      "-bb",
      "--quiet",
      "--define",
      `_topdir ${work}`,
      "--define",
      `_binary_payload ${payloadMacro[payload]}`,
      join(work, "SPECS", "bench.spec"),
    ],
    {
      env: { ...process.env, BENCH_TREE: join(work, "tree") },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const rpmDir = join(work, "RPMS", "noarch");
  const built = readdirSync(rpmDir).find((f) => f.endsWith(".rpm"));
  if (built === undefined) throw new Error(`rpmbuild left no .rpm in ${rpmDir}`);
  renameSync(join(rpmDir, built), out);
  rmSync(work, { recursive: true, force: true });
  return out;
}

/** The payload compressor rpm reports for `path` (e.g. "zstd"). */
export function rpmPayloadCompressor(path: string): string {
  return execFileSync("rpm", ["-qp", "--qf", "%{PAYLOADCOMPRESSOR}", path], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  }).trim();
}

/**
 * The reader's fixture, built once into .cache/reader-fixture from real inputs: `tree/` holds
 * Debian 11's linux-libc-dev 5.10 usr/include headers (asm-generic/unistd.h, linux/unistd.h — an
 * irrelevant file the reader must drop —, linux/version.h, x86_64-linux-gnu/asm/unistd{,_32,_64,_x32}.h)
 * and, as a second set, Debian 12's 6.1 asm/unistd_64.h and linux/version.h under
 * usr/include/debian-6.1/; `kernel-7.1/scripts/syscall.tbl` is the registry's 7.1 arm64 table in
 * that form (scripts/lib/registry-forms.ts). Builds the archive variants of the tree in a temp dir
 * with the real tools (tar, gzip, xz, bzip2, zstd, dpkg-deb, rpmbuild), and the expected files map
 * read straight from the tree with node:fs.
 */
import { execFile, execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
import { promisify } from "node:util";
import { isRelevantPath } from "@xsysgen/parser";
import { debFile, repoRoot, suiteDeb } from "../../../scripts/lib/debian.ts";
import { genericSyscallTbl } from "../../../scripts/lib/registry-forms.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

const run = promisify(execFile);

function buildFixture(): string {
  const dir = join(repoRoot, ".cache", "reader-fixture");
  if (existsSync(join(dir, "kernel-7.1", "scripts", "syscall.tbl"))) return dir;
  mkdirSync(join(repoRoot, ".cache"), { recursive: true });
  const work = mkdtempSync(join(repoRoot, ".cache", ".reader-fixture-"));
  try {
    const inc = [
      "asm-generic/unistd.h",
      "linux/unistd.h",
      "linux/version.h",
      ...["", "_32", "_64", "_x32"].map((s) => `x86_64-linux-gnu/asm/unistd${s}.h`),
    ];
    const members = inc.map((f) => `./usr/include/${f}`);
    mkdirSync(join(work, "tree"), { recursive: true });
    execFileSync("sh", [
      "-ec",
      'deb="$1"; dir="$2"; shift 2; dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dir" "$@"',
      "sh",
      suiteDeb("bullseye", "linux-libc-dev"),
      join(work, "tree"),
      ...members,
    ]);
    const bookworm = suiteDeb("bookworm", "linux-libc-dev");
    const second: [string, string][] = [
      ["usr/include/x86_64-linux-gnu/asm/unistd_64.h", "asm/unistd_64.h"],
      ["usr/include/linux/version.h", "linux/version.h"],
    ];
    for (const [from, to] of second) {
      mkdirSync(dirname(join(work, "tree", "usr/include/debian-6.1", to)), { recursive: true });
      writeFileSync(join(work, "tree", "usr/include/debian-6.1", to), debFile(bookworm, from));
    }
    mkdirSync(join(work, "kernel-7.1", "scripts"), { recursive: true });
    writeFileSync(join(work, "kernel-7.1", "scripts", "syscall.tbl"), genericSyscallTbl("7.1"));
    try {
      renameSync(work, dir);
    } catch (e) {
      // Another worker finished first: its copy is the same.
      if (!existsSync(join(dir, "kernel-7.1", "scripts", "syscall.tbl"))) throw e;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return dir;
}

export const testdata = buildFixture();
export const tree = join(testdata, "tree");

/** `sh -c` with the given script, in `cwd`. */
export async function sh(cwd: string, script: string): Promise<void> {
  await run("sh", ["-ec", script], { cwd, maxBuffer: 64 * 1024 * 1024 });
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)],
  );
}

/** The relevant files of the fixture tree, keyed as an archive of `tree` would key them. */
export function expectedFiles(): Map<string, string> {
  return new Map(
    walk(tree)
      .map((abs) => relative(tree, abs))
      .filter(isRelevantPath)
      .sort()
      .map((rel) => [rel, readFileSync(join(tree, rel), "latin1")] as const),
  );
}

export const debVersion = "1:5.10.0-2cross1";
export const rpmVersion = "3.10.0";
export const rpmRelease = "1160.el7";

const spec = `
Name: xsysgen-fixture
Version: ${rpmVersion}
Release: ${rpmRelease}
Summary: reader test fixture
License: GPL-2.0
BuildArch: noarch
%define __os_install_post %{nil}
%define _build_id_links none
%description
Headers for the xsysgen reader tests.
%install
mkdir -p %{buildroot}/usr
cp -a "$FIXTURE_TREE/usr/include" %{buildroot}/usr/
%files
/usr/include
`;

/** rpm payload compressors (rpmbuild's _binary_payload io names). */
const rpmPayloads = {
  gzip: "w9.gzdio",
  xz: "w2.xzdio",
  lzma: "w2.lzdio",
  zstd: "w3.zstdio",
  bzip2: "w9.bzdio",
  none: "w0.ufdio",
} as const;
const debCompressions = ["xz", "gzip", "zstd", "none"] as const;

export interface Variants {
  readonly dir: string;
  /** Variant name -> archive path. */
  readonly archives: Map<string, string>;
}

async function buildRpm(dir: string, payload: string, io: string): Promise<string> {
  const top = join(dir, `rpm-${payload}`);
  mkdirSync(join(top, "SPECS"), { recursive: true });
  writeFileSync(join(top, "SPECS", "fixture.spec"), spec);
  await run(
    "rpmbuild",
    [
      "-bb",
      "--quiet",
      "--define",
      `_topdir ${top}`,
      "--define",
      `_binary_payload ${io}`,
      join(top, "SPECS", "fixture.spec"),
    ],
    {
      env: { ...process.env, FIXTURE_TREE: tree },
    },
  );
  const out = join(top, "RPMS", "noarch", `xsysgen-fixture-${rpmVersion}-${rpmRelease}.noarch.rpm`);
  return out;
}

async function buildDeb(dir: string, compression: string): Promise<string> {
  const root = join(dir, `deb-${compression}`);
  mkdirSync(join(root, "DEBIAN"), { recursive: true });
  cpSync(join(tree, "usr"), join(root, "usr"), { recursive: true });
  writeFileSync(
    join(root, "DEBIAN", "control"),
    [
      "Package: xsysgen-fixture",
      `Version: ${debVersion}`,
      "Architecture: all",
      "Maintainer: xsysgen <xsysgen@example.invalid>",
      "Description: reader test fixture",
      "",
    ].join("\n"),
  );
  const out = join(dir, `fixture-${compression}.deb`);
  await run("dpkg-deb", ["--root-owner-group", `-Z${compression}`, "--build", root, out]);
  return out;
}

/** Every archive form of the fixture tree. */
export async function buildVariants(): Promise<Variants> {
  const dir = scratchDir("variants");
  const archives = new Map<string, string>();
  await sh(
    dir,
    `
    for f in gnu ustar pax; do tar -C "${tree}" --format=$f -cf tree-$f.tar .; done
    cp tree-gnu.tar tree.tar
    gzip -9 -c tree.tar > tree.tar.gz
    xz -T1 -c tree.tar > tree.tar.xz
    bzip2 -c tree.tar > tree.tar.bz2
    zstd -q -c tree.tar > tree.tar.zst
    xz -T1 --format=lzma -c tree.tar > tree.tar.lzma
  `,
  );
  for (const name of [
    "tree-gnu.tar",
    "tree-ustar.tar",
    "tree-pax.tar",
    "tree.tar.gz",
    "tree.tar.xz",
    "tree.tar.bz2",
    "tree.tar.zst",
    "tree.tar.lzma",
  ]) {
    archives.set(name, join(dir, name));
  }
  const debs = debCompressions.map(async (c) => archives.set(`deb-${c}`, await buildDeb(dir, c)));
  const rpms = Object.entries(rpmPayloads).map(async ([name, io]) =>
    archives.set(`rpm-${name}`, await buildRpm(dir, name, io)),
  );
  await Promise.all([...debs, ...rpms]);
  return { dir, archives };
}

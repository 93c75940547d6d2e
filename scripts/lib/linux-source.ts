/**
 * The syscall files of a real kernel source tree: Debian 12's linux-source-6.1 (its
 * usr/src/linux-source-6.1.tar.xz, a 139 MB download), of which only the top-level Makefile, the
 * syscall tables and the uapi unistd headers are kept, once, in `.cache/linux-source-6.1/` (git-
 * ignored), so tests build small kernel-tree bundles and tarballs from real files quickly.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { debianPackage, repoRoot } from "./debian.ts";

/** Paths kept, as tar --wildcards patterns under the tarball's top directory (`*` matches `/` too). */
const kept = [
  "Makefile",
  "arch/*/syscall*.tbl",
  "arch/*/include/uapi/asm/unistd*.h",
  "include/uapi/asm-generic/unistd.h",
];

const top = "linux-source-6.1";

/** The directory holding `linux-source-6.1/<kept paths>`, extracted on first use. */
export function linuxSource61(): string {
  const dir = join(repoRoot, ".cache", top);
  if (existsSync(join(dir, top, "Makefile"))) return join(dir, top);
  const deb = debianPackage("linux-source-6.1");
  mkdirSync(join(repoRoot, ".cache"), { recursive: true });
  const work = mkdtempSync(join(repoRoot, ".cache", `.${top}-`));
  try {
    // The .deb holds the tarball; stream it out and keep only the syscall files.
    const patterns = kept.map((p) => `'${top}/${p}'`).join(" ");
    execFileSync(
      "sh",
      [
        "-ec",
        `dpkg-deb --fsys-tarfile '${deb}' | tar -x -O ./usr/src/${top}.tar.xz | ` +
          `tar -xJ --wildcards -C '${work}' ${patterns}`,
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    try {
      renameSync(work, dir);
    } catch (e) {
      // Another worker finished first: its copy is the same.
      if (!existsSync(join(dir, top, "Makefile"))) throw e;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return join(dir, top);
}

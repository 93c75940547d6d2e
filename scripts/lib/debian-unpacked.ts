/**
 * Debian packages unpacked once, for the tests: `.cache/debian-unpacked/<deb file name>/<kind>`
 * (git-ignored), the whole data tree of the .deb or only its syscall headers. The file name carries
 * the package's name, version and architecture, and Debian never serves two different files under
 * one name (the archive refuses a re-upload of a version), so the name is the key: the bookworm
 * `-cross` packages of .cache/debian and .cache/debian/bookworm share one tree.
 *
 * A tree is made whole or not at all: unpacked into a temporary directory beside it, then renamed
 * into place. Of two makers racing (parallel test workers), the one whose rename loses removes its
 * own copy and uses the winner's. Once there a tree is never written again: readers must not modify
 * it (a test that changes files copies the tree first). scripts/fetch-test-inputs.ts fills the cache
 * after downloading the packages; a test that finds a tree missing makes it.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { repoRoot } from "./debian.ts";

const unpackedCache = join(repoRoot, ".cache", "debian-unpacked");

/**
 * What of a .deb is unpacked: `whole`, everything `dpkg-deb -x` writes; `headers`, only the
 * asm/, asm-generic/ and linux/version.h headers of every include directory (a tenth of the files).
 */
export type UnpackKind = "whole" | "headers";

const headerMembers = ["*/asm/*", "*/asm-generic/*", "*/linux/version.h"];

function unpack(deb: string, kind: UnpackKind, dir: string): void {
  if (kind === "whole") execFileSync("dpkg-deb", ["-x", deb, dir]);
  else
    execFileSync("sh", [
      "-ec",
      'deb="$1"; dir="$2"; shift 2; dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dir" --wildcards "$@"',
      "sh",
      deb,
      dir,
      ...headerMembers,
    ]);
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Removes the temporary trees of makers that died before their rename (`.<kind>.<pid>.<random>`). */
function removeAbandoned(parent: string, kind: UnpackKind): void {
  for (const name of readdirSync(parent)) {
    const pid = Number(name.split(".")[2]);
    if (name.startsWith(`.${kind}.`) && Number.isInteger(pid) && pid !== process.pid && !alive(pid))
      rmSync(join(parent, name), { recursive: true, force: true });
  }
}

/** The directory holding `deb` unpacked (see {@link UnpackKind}), made on first use. Read it, never write it. */
export function unpackedDeb(deb: string, kind: UnpackKind): string {
  const parent = join(unpackedCache, basename(deb));
  const tree = join(parent, kind);
  if (existsSync(tree)) return tree;
  mkdirSync(parent, { recursive: true });
  removeAbandoned(parent, kind);
  const work = mkdtempSync(join(parent, `.${kind}.${process.pid}.`));
  try {
    unpack(deb, kind, work);
    renameSync(work, tree);
  } catch (e) {
    rmSync(work, { recursive: true, force: true });
    // Lost the race to another maker (rename onto a non-empty directory fails): its tree is the same.
    if (!existsSync(tree)) throw e;
  }
  return tree;
}

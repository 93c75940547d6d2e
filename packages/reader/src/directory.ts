/**
 * A directory input (an installed include dir, a sysroot, an unpacked kernel tree): walked with
 * fast-glob without following symlinks; relevant symlinks are read through only when their
 * real target lies inside the directory.
 */
import { readFile, realpath, stat } from "node:fs/promises";
import { join, sep } from "node:path";
import fg from "fast-glob";
import { isRelevantPath } from "@xsysgen/parser";
import { InputError, renderErrno } from "@xsysgen/core";
import { checkEntrySize, type ReadContext } from "./context.ts";

function reason(e: unknown): string {
  return `cannot read: ${renderErrno(e)}`;
}

async function readRegular(ctx: ReadContext, abs: string, rel: string): Promise<string> {
  try {
    checkEntrySize(ctx, rel, (await stat(abs)).size);
    return (await readFile(abs)).toString("latin1");
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(ctx.origin, reason(e), rel);
  }
}

async function readSymlink(ctx: ReadContext, root: string, abs: string, rel: string): Promise<string | undefined> {
  let target: string;
  try {
    target = await realpath(abs);
  } catch (e) {
    // A dangling link carries nothing; loops and permission errors are worth a word.
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new InputError(ctx.origin, `cannot resolve symlink: ${renderErrno(e)}`, rel);
  }
  if (!target.startsWith(root + sep))
    throw new InputError(ctx.origin, `symlink target escapes the input directory: ${target}`, rel);
  const info = await stat(target);
  if (info.isDirectory()) return undefined;
  if (!info.isFile()) throw new InputError(ctx.origin, "symlink to something other than a regular file", rel);
  return readRegular(ctx, target, rel);
}

export async function readDirectory(ctx: ReadContext, dir: string): Promise<Map<string, string>> {
  const root = await realpath(dir);
  let entries: fg.Entry[];
  try {
    entries = await fg("**", { cwd: root, onlyFiles: false, followSymbolicLinks: false, objectMode: true });
  } catch (e) {
    throw new InputError(ctx.origin, `cannot walk the directory: ${(e as Error).message}`);
  }
  const files = new Map<string, string>();
  const relevant = entries.filter((e) => isRelevantPath(e.path)).sort((a, b) => (a.path < b.path ? -1 : 1));
  for (const entry of relevant) {
    const abs = join(root, entry.path);
    if (entry.dirent.isDirectory()) continue;
    if (entry.dirent.isFile()) {
      files.set(entry.path, await readRegular(ctx, abs, entry.path));
    } else if (entry.dirent.isSymbolicLink()) {
      const content = await readSymlink(ctx, root, abs, entry.path);
      if (content !== undefined) files.set(entry.path, content);
    } else {
      throw new InputError(ctx.origin, "not a regular file (device, fifo or socket)", entry.path);
    }
  }
  return files;
}

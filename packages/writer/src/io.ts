/**
 * File primitives for the writer: content hashes, tree listings, and atomic writes (temp file in
 * the same directory + rename, so a reader never sees a half-written file). Every mutation is a
 * call on node:fs's promise API, where the recovery tests (test/child.ts) kill the process after
 * the N-th one, the same as a `kill -9` between two writes.
 */
import { createHash, randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import { dirname, join } from "node:path";

const TEMP_PREFIX = ".xsysgen-tmp-";

export function sha256(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

export async function exists(path: string): Promise<boolean> {
  try {
    await fs.lstat(path);
    return true;
  } catch {
    return false;
  }
}

export async function isDir(path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isDirectory();
  } catch {
    return false;
  }
}

export async function readIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/** Every regular file under `dir`, as sorted '/'-separated paths relative to it. */
export async function listFiles(dir: string, skip: (rel: string) => boolean = () => false): Promise<string[]> {
  const out: string[] = [];
  async function walk(rel: string): Promise<void> {
    const entries = await fs.readdir(rel === "" ? dir : join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      const r = rel === "" ? e.name : `${rel}/${e.name}`;
      if (skip(r)) continue;
      if (e.isDirectory()) await walk(r);
      else if (e.isFile()) out.push(r);
    }
  }
  await walk("");
  return out.sort();
}

/** The directories above module-relative `path` (inside `root`) that do not exist yet, innermost first. */
export async function missingParents(root: string, path: string): Promise<string[]> {
  const out: string[] = [];
  for (let d = dirname(path); d !== "." && !(await exists(join(root, d))); d = dirname(d)) out.push(d);
  return out;
}

/** Creates the missing directories of `dir`, returning those it created (outermost first). */
async function mkdirs(dir: string): Promise<string[]> {
  const missing: string[] = [];
  let d = dir;
  while (!(await exists(d))) {
    missing.unshift(d);
    d = dirname(d);
  }
  for (const m of missing) {
    await fs.mkdir(m);
  }
  return missing;
}

/** Writes `data` to `path` atomically, keeping `mode` (default 0644). */
export async function writeAtomic(path: string, data: Buffer | string, mode = 0o644): Promise<void> {
  await mkdirs(dirname(path));
  const tmp = join(dirname(path), `${TEMP_PREFIX}${randomBytes(6).toString("hex")}`);
  await fs.writeFile(tmp, data, { mode });
  await fs.chmod(tmp, mode);
  await fs.rename(tmp, path);
}

/** Deletes temp files an interrupted writeAtomic left in `dir`. */
export async function removeStrayTemps(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const n of names) if (n.startsWith(TEMP_PREFIX)) await removeFile(join(dir, n));
}

export async function renamePath(from: string, to: string): Promise<void> {
  await mkdirs(dirname(to));
  await fs.rename(from, to);
}

export async function removeFile(path: string): Promise<void> {
  try {
    await fs.unlink(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
}

export async function removeTree(path: string): Promise<void> {
  if (!(await exists(path))) return;
  await fs.rm(path, { recursive: true, force: true });
}

/** Removes `dir` if it is an empty directory; true when it is gone. */
export async function removeEmptyDir(dir: string): Promise<boolean> {
  try {
    await fs.rmdir(dir);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ENOENT";
  }
}

export async function fileMode(path: string): Promise<number | undefined> {
  try {
    return (await fs.stat(path)).mode & 0o777;
  } catch {
    return undefined;
  }
}

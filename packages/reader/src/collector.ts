/**
 * Gathers the relevant files of one archive as they stream past: checks every entry's path and
 * type (hostile archives fail loudly), keeps only what isRelevantPath wants, and at the end
 * resolves relevant symlinks to their targets inside the archive.
 */
import { isRelevantPath } from "@xsysgen/parser";
import { InputError } from "@xsysgen/core";
import { checkEntrySize, type ReadContext } from "./context.ts";

export type EntryType =
  "file" | "directory" | "symlink" | "hardlink" | "char-device" | "block-device" | "fifo" | "socket";

export interface ArchiveEntry {
  /** The path as stored in the archive. */
  readonly name: string;
  readonly type: EntryType;
  readonly size: number;
  /** Symlink target, or the archive path a hard link names. */
  readonly linkTarget?: string;
}

/** No leading "/" or "./", no empty, "." or ".." component, no trailing "/". */
const plainPath = /^(?!\.\.?(\/|$))[^/]+(\/(?!\.\.?(\/|$))[^/]+)*$/;

/** Linux's limit on symlinks followed while resolving one path. */
const maxHops = 40;

/** The archive path without "./", "." or empty components; "" for the root. Throws on "/" and "..". */
function safeEntryPath(ctx: ReadContext, raw: string): string {
  // Most entries of a kernel tarball (~80,000) are already plain "dir/dir/file", and those of a
  // package "./dir/dir/file" (dpkg-deb, rpm's cpio): skip the split.
  let plain = raw;
  while (plain.startsWith("./")) plain = plain.slice(2);
  if (plainPath.test(plain)) return plain;
  if (raw.startsWith("/")) throw new InputError(ctx.origin, "unsafe path: absolute entry", raw);
  const parts = raw.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) throw new InputError(ctx.origin, "unsafe path: entry contains a `..` component", raw);
  return parts.join("/");
}

export async function readBody(
  ctx: ReadContext,
  path: string,
  size: number,
  body: AsyncIterable<Buffer>,
): Promise<string> {
  checkEntrySize(ctx, path, size);
  const chunks: Buffer[] = [];
  let got = 0;
  for await (const chunk of body) {
    got += chunk.length;
    checkEntrySize(ctx, path, got);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, got).toString("latin1");
}

/** A body already in memory. */
export async function* bufferBody(...chunks: Buffer[]): AsyncGenerator<Buffer> {
  yield* chunks;
}

export class Collector {
  private readonly files = new Map<string, string>();
  private readonly symlinks = new Map<string, string>();
  /** Targets of relevant symlinks that arrived before their target. */
  private readonly wanted = new Set<string>();
  /** Regular files seen and dropped, to tell "target absent" from "target already gone". */
  private readonly dropped = new Set<string>();

  constructor(private readonly ctx: ReadContext) {}

  /** Whether the file at this archive path (as stored) would be kept. */
  wants(name: string): boolean {
    return this.wantsPath(safeEntryPath(this.ctx, name));
  }

  private wantsPath(path: string): boolean {
    return isRelevantPath(path) || this.wanted.has(path);
  }

  /**
   * Takes a directory or a file without its body, with the checks `add` makes, when the file is
   * not kept: no promise per entry for what most of an archive is. False when the entry needs
   * `add` (a kept file, any other type).
   */
  addWithoutBody(entry: ArchiveEntry): boolean {
    return this.takenWithoutBody(entry, safeEntryPath(this.ctx, entry.name));
  }

  /** addWithoutBody for the entry's safe path: what `add` would do that needs no body. */
  private takenWithoutBody(entry: ArchiveEntry, path: string): boolean {
    if (entry.type === "directory") return true;
    if (entry.type !== "file" || path === "" || this.wantsPath(path)) return false;
    this.dropped.add(path);
    return true;
  }

  /**
   * Takes one entry; reads `body` when the file is kept. The caller drains whatever is left.
   */
  async add(entry: ArchiveEntry, body: AsyncIterable<Buffer> | undefined): Promise<void> {
    const path = safeEntryPath(this.ctx, entry.name);
    // Directories and files not kept, as addWithoutBody takes them.
    if (this.takenWithoutBody(entry, path)) return;
    switch (entry.type) {
      case "char-device":
      case "block-device":
      case "fifo":
      case "socket":
        throw new InputError(
          this.ctx.origin,
          `unsupported entry type ${entry.type}: expected files, directories and links`,
          entry.name,
        );
      case "symlink":
        return this.addSymlink(path, entry.linkTarget ?? "");
      case "hardlink":
        return this.addHardlink(path, entry.name, entry.linkTarget ?? "");
      case "file":
        if (path === "") throw new InputError(this.ctx.origin, "file entry with an empty path", entry.name);
        this.files.set(path, await readBody(this.ctx, path, entry.size, body ?? bufferBody()));
    }
  }

  private addSymlink(path: string, target: string): void {
    this.symlinks.set(path, target);
    this.files.delete(path);
    if (!isRelevantPath(path)) return;
    const resolved = this.resolve(path);
    if (!this.files.has(resolved)) this.wanted.add(resolved);
  }

  private addHardlink(path: string, raw: string, target: string): void {
    if (target.startsWith("/") || target.split("/").includes("..")) {
      throw new InputError(this.ctx.origin, `unsafe path: hard link to ${target}, outside the archive`, raw);
    }
    const from = safeEntryPath(this.ctx, target);
    if (!this.wantsPath(path)) return;
    const content = this.files.get(from);
    if (content === undefined) {
      const why = this.dropped.has(from)
        ? "which is not a syscall file and was not kept"
        : "which is not an earlier entry of the archive";
      throw new InputError(this.ctx.origin, `hard link to ${target}, ${why}`, raw);
    }
    this.files.set(path, content);
  }

  /** Follows symlinks component by component, staying inside the archive root. */
  private resolve(path: string): string {
    const out: string[] = [];
    const queue = path.split("/");
    let hops = 0;
    while (queue.length > 0) {
      const part = queue.shift() as string;
      if (part === "" || part === ".") continue;
      if (part === "..") {
        if (out.length === 0) throw new InputError(this.ctx.origin, "symlink target escapes the archive root", path);
        out.pop();
        continue;
      }
      out.push(part);
      const target = this.symlinks.get(out.join("/"));
      if (target === undefined) continue;
      if (++hops > maxHops) throw new InputError(this.ctx.origin, "too many levels of symbolic links", path);
      if (target.startsWith("/")) {
        throw new InputError(
          this.ctx.origin,
          `symlink target escapes the archive root: absolute target ${target}`,
          path,
        );
      }
      out.pop();
      queue.unshift(...target.split("/"));
    }
    return out.join("/");
  }

  /** The kept files, relevant symlinks resolved, in path order. */
  finish(): Map<string, string> {
    for (const path of this.symlinks.keys()) {
      if (!isRelevantPath(path)) continue;
      const target = this.resolve(path);
      const content = this.files.get(target);
      if (content !== undefined) this.files.set(path, content);
      else if (this.dropped.has(target)) {
        throw new InputError(
          this.ctx.origin,
          `symlink target ${target} came earlier in the archive and was not kept`,
          path,
        );
      }
    }
    for (const path of this.files.keys()) if (!isRelevantPath(path)) this.files.delete(path);
    return new Map([...this.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}

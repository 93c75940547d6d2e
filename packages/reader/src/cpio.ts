/**
 * cpio "newc" archives (magic 070701, or 070702 with checksums), the RPM payload format:
 * 110-byte ASCII-hex headers, name and data each padded to 4 bytes, ended by TRAILER!!!.
 */
import { InputError } from "@xsysgen/core";
import type { ByteReader } from "./bytes.ts";
import { bufferBody, readBody, type Collector, type EntryType } from "./collector.ts";
import type { ReadContext } from "./context.ts";

const headerBytes = 110;
/** The 13 fields after the magic, 8 hex digits each, in header order. */
const fieldNames = [
  "ino",
  "mode",
  "uid",
  "gid",
  "nlink",
  "mtime",
  "filesize",
  "devmajor",
  "devminor",
  "rdevmajor",
  "rdevminor",
  "namesize",
  "check",
] as const;
type FieldName = (typeof fieldNames)[number];

/** What the walk uses of a header; the device and inode (`linkKey`) only for hard-linked files. */
interface Fields {
  readonly mode: number;
  readonly nlink: number;
  readonly filesize: number;
  readonly namesize: number;
  /** The 104 hex digits of the 13 fields. */
  readonly hex: string;
}

function field(hex: string, name: FieldName): number {
  const at = fieldNames.indexOf(name) * 8;
  return parseInt(hex.slice(at, at + 8), 16);
}

/** Device and inode: what newc's hard links share. */
function linkKey(h: Fields): string {
  return `${field(h.hex, "devmajor")}:${field(h.hex, "devminor")}:${field(h.hex, "ino")}`;
}

/** Linux PATH_MAX: no real member name is longer. */
const maxNameBytes = 4096;

const typesByMode: Record<number, EntryType> = {
  0o100000: "file",
  0o040000: "directory",
  0o120000: "symlink",
  0o020000: "char-device",
  0o060000: "block-device",
  0o010000: "fifo",
  0o140000: "socket",
};

function pad4(n: number): number {
  return (4 - (n % 4)) % 4;
}

async function need(ctx: ReadContext, reader: ByteReader, n: number, what: string, entry?: string): Promise<Buffer> {
  const got = await reader.read(n);
  if (got.length < n) throw new InputError(ctx.origin, `truncated cpio ${what}: ${got.length} of ${n} bytes`, entry);
  return got;
}

function parseHeader(ctx: ReadContext, header: Buffer, at: number): Fields {
  const magic = header.toString("latin1", 0, 6);
  if (magic !== "070701" && magic !== "070702") {
    throw new InputError(
      ctx.origin,
      `corrupt cpio header at byte ${at}: magic ${JSON.stringify(magic)}, expected 070701 or 070702`,
    );
  }
  // All 13 fields checked at once, and only the four the walk always needs parsed (a package
  // has ~1,000 members, and each parse is a slice and a parseInt in V8's unoptimized tiers); the
  // slow loop below only when one is not hex, to name it.
  const hex = header.toString("latin1", 6, headerBytes);
  if (!/^[0-9a-fA-F]{104}$/.test(hex)) {
    fieldNames.forEach((name, i) => {
      const text = hex.slice(i * 8, i * 8 + 8);
      if (!/^[0-9a-fA-F]{8}$/.test(text))
        throw new InputError(
          ctx.origin,
          `corrupt cpio header at byte ${at}: ${name} field ${JSON.stringify(text)} is not hex`,
        );
    });
  }
  return {
    mode: field(hex, "mode"),
    nlink: field(hex, "nlink"),
    filesize: field(hex, "filesize"),
    namesize: field(hex, "namesize"),
    hex,
  };
}

/**
 * Consumes what is left of a member's data (`left` bytes) and its padding; `size` is the data
 * size the header gave, for the message (defaults to `left`: nothing of it was read).
 */
async function skipData(
  ctx: ReadContext,
  reader: ByteReader,
  left: number,
  pad: number,
  name: string,
  size = left,
): Promise<void> {
  if (left > 0) {
    const got = await reader.skip(left);
    if (got < left) {
      throw new InputError(
        ctx.origin,
        `cpio member length past the end: header says ${size} bytes, ${size - left + got} present`,
        name,
      );
    }
  }
  if (!reader.skipBuffered(pad)) await need(ctx, reader, pad, "data padding", name);
}

/** Streams every member of the cpio archive in `reader` into `collector`. */
export async function readCpio(ctx: ReadContext, reader: ByteReader, collector: Collector): Promise<void> {
  // newc stores a hard-linked file's data only with its last link; the others come first, empty.
  const pendingLinks = new Map<string, string[]>();
  for (;;) {
    const at = reader.position;
    // Buffered bytes without an await: thousands of members, each read in several small steps.
    const header = reader.readBuffered(headerBytes) ?? (await need(ctx, reader, headerBytes, "header"));
    const h = parseHeader(ctx, header, at);
    if (h.namesize < 2 || h.namesize > maxNameBytes) {
      throw new InputError(ctx.origin, `corrupt cpio header at byte ${at}: name size ${h.namesize}`);
    }
    const rawName = reader.readBuffered(h.namesize) ?? (await need(ctx, reader, h.namesize, "member name"));
    if (rawName[h.namesize - 1] !== 0)
      throw new InputError(ctx.origin, `corrupt cpio header at byte ${at}: name is not NUL-terminated`);
    const name = rawName.toString("latin1", 0, h.namesize - 1);
    const namePad = pad4(headerBytes + h.namesize);
    if (!reader.skipBuffered(namePad)) await need(ctx, reader, namePad, "name padding", name);
    if (name === "TRAILER!!!") break;

    const type = typesByMode[h.mode & 0o170000];
    if (type === undefined) throw new InputError(ctx.origin, `unknown cpio file mode ${h.mode.toString(8)}`, name);
    const dataPad = pad4(h.filesize);
    // Most members are files and directories nothing is kept of: skipped without a promise when
    // their data is already buffered (the walk keeps pace with the decompressor feeding it).
    if (
      (type === "directory" || (type === "file" && h.nlink <= 1)) &&
      collector.addWithoutBody({ name, type, size: h.filesize })
    ) {
      if (!reader.skipBuffered(h.filesize + dataPad)) await skipData(ctx, reader, h.filesize, dataPad, name);
      continue;
    }
    const start = reader.position;
    const body = reader.take(
      h.filesize,
      (got) =>
        new InputError(
          ctx.origin,
          `cpio member length past the end: header says ${h.filesize} bytes, ${got} present`,
          name,
        ),
    );
    if (type === "symlink") {
      const target = await readBody(ctx, name, h.filesize, body);
      await collector.add({ name, type, size: 0, linkTarget: target }, undefined);
    } else if (type === "file" && h.nlink > 1) {
      const key = linkKey(h);
      const links = pendingLinks.get(key) ?? [];
      if (h.filesize === 0) {
        pendingLinks.set(key, [...links, name]);
      } else {
        pendingLinks.delete(key);
        const names = [...links, name];
        if (names.some((n) => collector.wants(n))) {
          const content = Buffer.from(await readBody(ctx, name, h.filesize, body), "latin1");
          for (const n of names) await collector.add({ name: n, type, size: content.length }, bufferBody(content));
        } else {
          for (const n of names) await collector.add({ name: n, type, size: h.filesize }, undefined);
        }
      }
    } else {
      await collector.add({ name, type, size: h.filesize }, body);
    }
    await skipData(ctx, reader, start + h.filesize - reader.position, dataPad, name, h.filesize);
  }
  // Links whose data-carrying last link never came are empty files.
  for (const names of pendingLinks.values()) {
    for (const n of names) await collector.add({ name: n, type: "file", size: 0 }, bufferBody());
  }
}

/**
 * Streams a tar archive (v7, ustar, GNU, pax) into a sink. Hand-written over ByteReader rather
 * than a stream-per-entry library: a kernel source tarball has ~80,000 entries of which a
 * hundred matter, and the others are skipped by offset arithmetic without allocating anything.
 */
import { isRelevantPath } from "@xsysgen/parser";
import { InputError } from "@xsysgen/core";
import { ByteReader } from "./bytes.ts";
import type { ArchiveEntry, EntryType } from "./collector.ts";
import type { ReadContext } from "./context.ts";

const entryTypes: Record<string, EntryType> = {
  "0": "file",
  "\0": "file",
  "7": "file",
  "1": "hardlink",
  "2": "symlink",
  "3": "char-device",
  "4": "block-device",
  "5": "directory",
  "6": "fifo",
};
/** Types that carry no data whatever their size field says (POSIX ustar). */
const noData = new Set(["1", "2", "3", "4", "6"]);

const zeroBlock = Buffer.alloc(512);

/** Bytes read past a tar error to let a decompressor report corruption (a bzip2 block is < 1 MiB). */
const drainAfterError = 2 * 1024 * 1024;
/** Longest GNU long name or pax header kept (Linux PATH_MAX is 4096). */
const maxMetaBytes = 1024 * 1024;

export type EntrySink = (entry: ArchiveEntry, body: AsyncIterable<Buffer>) => Promise<void>;

class TarError extends Error {}

function text(block: Buffer, start: number, length: number): string {
  const end = block.indexOf(0, start);
  return block.toString("latin1", start, end < 0 || end > start + length ? start + length : end);
}

function numeric(block: Buffer, start: number, length: number, what: string): number {
  // GNU base-256: high bit of the first byte set, big-endian two's complement after it.
  if (((block[start] as number) & 0x80) !== 0) {
    let value = (block[start] as number) & 0x7f;
    for (let i = start + 1; i < start + length; i++) value = value * 256 + (block[i] as number);
    if (!Number.isSafeInteger(value)) throw new TarError(`${what} field out of range`);
    return value;
  }
  const field = text(block, start, length).trim();
  if (field === "") return 0;
  if (!/^[0-7]+$/.test(field)) throw new TarError(`${what} field ${JSON.stringify(field)} is not octal`);
  return parseInt(field, 8);
}

function checksumOk(block: Buffer): boolean {
  const stored = numeric(block, 148, 8, "checksum");
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < 512; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : (block[i] as number);
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  return stored === unsigned || stored === signed;
}

/** pax extended header records: "<length> <key>=<value>\n". */
function paxRecords(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    const length = space < 0 ? NaN : Number(data.toString("latin1", at, space));
    if (!Number.isSafeInteger(length) || length <= space - at || at + length > data.length)
      throw new TarError("corrupt pax extended header");
    const record = data.toString("utf8", space + 1, at + length - 1);
    const eq = record.indexOf("=");
    if (eq > 0) records.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return records;
}

async function readTarEntries(
  ctx: ReadContext,
  reader: ByteReader,
  sink: EntrySink,
  member: string | undefined,
): Promise<void> {
  const short = (): InputError => new InputError(ctx.origin, "corrupt tar archive: unexpected end of data", member);
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax = new Map<string, string>();
  for (;;) {
    const at = reader.position;
    // A view of the buffered chunk when it holds the whole block (no copy, no await: ~80,000
    // headers in a kernel tarball); it is read before the next await.
    const block = reader.readBuffered(512) ?? (await reader.read(512));
    if (block.length === 0 && longName === undefined && pax.size === 0) return;
    if (block.length < 512) throw short();
    if (block.equals(zeroBlock)) return;
    if (!checksumOk(block)) throw new TarError(`invalid header checksum at byte ${at}`);

    const flag = String.fromCharCode(block[156] as number);
    const ustar = block.toString("latin1", 257, 263) === "ustar\0";
    const prefix = ustar ? text(block, 345, 155) : "";
    let name =
      longName ?? pax.get("path") ?? (prefix === "" ? text(block, 0, 100) : `${prefix}/${text(block, 0, 100)}`);
    const linkTarget = longLink ?? pax.get("linkpath") ?? text(block, 157, 100);
    const paxSize = pax.get("size");
    const size = noData.has(flag)
      ? 0
      : paxSize !== undefined && /^\d+$/.test(paxSize)
        ? Number(paxSize)
        : numeric(block, 124, 12, "size");
    const start = reader.position;

    if (flag === "L" || flag === "K" || flag === "x" || flag === "g") {
      if (size > maxMetaBytes) throw new TarError(`${flag} header of ${size} bytes`);
      const data = await reader.read(size);
      if (data.length < size) throw short();
      if (flag === "L") longName = text(data, 0, data.length);
      else if (flag === "K") longLink = text(data, 0, data.length);
      else if (flag === "x") pax = paxRecords(data);
      // A global header ("g": git archive's commit id) describes no entry.
    } else {
      longName = undefined;
      longLink = undefined;
      pax = new Map();
      const type = entryTypes[flag];
      if (type === undefined) {
        if (isRelevantPath(name))
          throw new InputError(ctx.origin, `unsupported tar entry type ${JSON.stringify(flag)}`, name);
      } else {
        if (type === "directory") name = name.replace(/\/+$/, "");
        await sink({ name, type, size, linkTarget }, reader.take(size, short));
      }
    }
    const left = start + size - reader.position;
    const pad = (512 - (size % 512)) % 512;
    if (reader.skipBuffered(left + pad)) continue;
    if ((await reader.skip(left)) < left) throw short();
    if ((await reader.skip(pad)) < pad) throw short();
  }
}

/**
 * Feeds every entry of the tar in `source` to `sink`. `member` names the enclosing archive member.
 * A ByteReader is read directly (one async hop less per chunk: ~130,000 of them for a kernel
 * tarball, whose xz output arrives ~10 KiB at a time).
 */
export async function readTar(
  ctx: ReadContext,
  source: AsyncIterable<Buffer> | ByteReader,
  sink: EntrySink,
  member?: string,
): Promise<void> {
  const reader = source instanceof ByteReader ? source : new ByteReader(source);
  try {
    await readTarEntries(ctx, reader, sink, member);
    // Read to the end so a decompressor verifies its check and the byte meter sees everything.
    for await (const _ of reader.rest());
  } catch (e) {
    if (!(e instanceof TarError) && !(e instanceof InputError && e.reason.startsWith("corrupt tar archive"))) throw e;
    // A corrupt block often reaches the tar parser before the decompressor's check fails:
    // read on a little so the decompressor's complaint, the real cause, surfaces.
    await reader.skip(drainAfterError);
    throw e instanceof TarError ? new InputError(ctx.origin, `corrupt tar archive: ${e.message}`, member) : e;
  } finally {
    await reader.close();
  }
}
